/**
 * connect-types.d.ts is what the editor knows of @connectrpc/connect (the
 * editor cannot load the package's own declarations). It is written by hand,
 * so this pins it to the real package: the enum's values, and every other
 * declaration checked by the TypeScript compiler against the real one — a
 * snippet that type-checks in the editor must not be calling something the
 * worker's real Connect does not have.
 */
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {Code} from '@connectrpc/connect';
import ts from 'typescript';
import {describe, expect, it} from 'vitest';

const editorTypes = readFileSync(path.join(__dirname, 'connect-types.d.ts'), 'utf8');
const EDITOR_MODULE = 'editor-connect';

/** The editor's declarations under their own module name, with its enum swapped for the real one (checked apart). */
function editorModule(): string {
  return editorTypes
    .replace(`declare module '@connectrpc/connect'`, `declare module '${EDITOR_MODULE}'`)
    .replace(/export enum Code \{[^}]*\}/, `export {Code} from '@connectrpc/connect';`);
}

// The statements inside `declare module '@connectrpc/connect' { … }`, parsed once.
const declarations = (() => {
  const source = ts.createSourceFile('connect-types.d.ts', editorTypes, ts.ScriptTarget.ES2022, true);
  const module = source.statements.find(ts.isModuleDeclaration)!;
  return (module.body as ts.ModuleBlock).statements;
})();

function exportedNames(kind: (statement: ts.Statement) => boolean): string[] {
  return declarations.filter(kind).map((statement) => (statement as ts.DeclarationStatement).name!.getText());
}

const isValue = (statement: ts.Statement) =>
  (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && !!statement.name;
const isGenericType = (statement: ts.Statement) =>
  (ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement)) &&
  (statement.typeParameters?.length ?? 0) > 0;
const isPlainType = (statement: ts.Statement) =>
  (ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement)) && !statement.typeParameters;

const checkDir = path.resolve(__dirname, '__connect-check__');

/**
 * Type-checks each file with the real package and the editor module side by
 * side, in one program (a program costs seconds); returns each file's errors.
 */
function typeErrors(checks: Record<string, string>): Record<string, string[]> {
  const files: Record<string, string> = {[path.join(checkDir, 'editor.d.ts')]: editorModule()};
  for (const [name, code] of Object.entries(checks)) files[path.join(checkDir, `${name}.ts`)] = code;
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
    skipLibCheck: true,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.readFile = (name) => files[name] ?? readFile(name);
  host.fileExists = (name) => name in files || fileExists(name);
  host.getSourceFile = (name, target) => {
    const text = host.readFile(name);
    return text === undefined ? undefined : ts.createSourceFile(name, text, target);
  };
  const program = ts.createProgram(Object.keys(files), options, host);
  const errors: Record<string, string[]> = Object.fromEntries(Object.keys(checks).map((name) => [name, []]));
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const file = diagnostic.file ? path.basename(diagnostic.file.fileName, '.ts') : 'editor.d';
    (errors[file] ??= []).push(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
  }
  return errors;
}

const valueNames = exportedNames(isValue);
const plainTypeNames = exportedNames(isPlainType);
const genericTypeNames = exportedNames(isGenericType);

let checked: Record<string, string[]> | undefined;
function errorsIn(file: string): string[] {
  checked ??= typeErrors({
    values: [
      `import * as real from '@connectrpc/connect';`,
      `import * as editor from '${EDITOR_MODULE}';`,
      ...valueNames.map((name) => `export const check_${name}: typeof editor.${name} = real.${name};`),
    ].join('\n'),
    types: [
      `import type * as real from '@connectrpc/connect';`,
      `import type * as editor from '${EDITOR_MODULE}';`,
      ...plainTypeNames.map((name) => `export const check_${name} = (value: real.${name}): editor.${name} => value;`),
      ...genericTypeNames.map(
        (name) => `export const check_${name} = (value: real.${name}<number>): editor.${name}<number> => value;`,
      ),
    ].join('\n'),
    // A declaration the real package does not satisfy, to show the check can fail.
    control: [
      `import * as real from '@connectrpc/connect';`,
      `export const wrong: (value: string) => number = real.createContextValues;`,
    ].join('\n'),
  });
  return checked[file] ?? [];
}

describe('the editor’s declarations of @connectrpc/connect match the real package', () => {
  it('Code has the real enum’s names and values, no more, no fewer', () => {
    const body = /export enum Code \{([^}]*)\}/.exec(editorTypes)![1]!;
    const declared = Object.fromEntries(
      [...body.matchAll(/(\w+)\s*=\s*(\d+)/g)].map(([, name, value]) => [name, Number(value)]),
    );
    const real = Object.fromEntries(Object.entries(Code).filter(([, value]) => typeof value === 'number'));
    expect(declared).toEqual(real);
  });

  it('every function and class the editor offers is assignable from the real one', () => {
    expect(valueNames).toEqual(expect.arrayContaining(['ConnectError', 'createContextKey', 'createContextValues']));
    expect(errorsIn('values')).toEqual([]);
    expect(errorsIn('editor.d')).toEqual([]);
  });

  it('every type the editor offers accepts what the real package gives', () => {
    expect(plainTypeNames.length + genericTypeNames.length).toBeGreaterThan(0);
    expect(errorsIn('types')).toEqual([]);
  });

  it('the check itself catches a declaration the real package does not satisfy', () => {
    expect(errorsIn('control').join('\n')).toMatch(/is not assignable to type '\(value: string\) => number'/);
  });
}, 60_000);
