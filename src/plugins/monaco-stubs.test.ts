import {readdirSync, readFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {dirname, join, resolve} from 'node:path';
import {describe, expect, it} from 'vitest';
import {monacoStubs} from './monaco-stubs';

// esm/vs, where monaco-editor's exports map its module names.
const monacoRoot = join(dirname(createRequire(import.meta.url).resolve('monaco-editor/editor/editor.api')), '..');
const monacoFiles = (readdirSync(monacoRoot, {recursive: true}) as string[])
  .filter((file) => file.endsWith('.js'))
  .map((file) => join(monacoRoot, file));

/** Every `import {a, b as c} from '…'` in Monaco whose module resolves to `target`, as the names imported. */
function namesImportedFrom(target: RegExp): string[] {
  const names = new Set<string>();
  for (const file of monacoFiles) {
    for (const [, list, from] of readFileSync(file, 'utf8').matchAll(/^import \{([^}]*)\} from '([^']+)'/gm)) {
      if (!target.test(resolve(dirname(file), from))) continue;
      for (const name of list.split(',')) names.add(name.trim().split(/\s+as\s+/)[0]);
    }
  }
  return [...names].filter(Boolean);
}

describe('monaco-stubs', () => {
  // A Monaco upgrade that moves a stubbed module would quietly put it back in the editor's chunk.
  it("each stub's pattern matches a module Monaco has", () => {
    for (const {module} of monacoStubs) expect(monacoFiles.filter((file) => module.test(file))).not.toEqual([]);
  });

  it('each stub exports every name Monaco imports from the module it replaces', async () => {
    for (const {module, stub} of monacoStubs) {
      const exported = Object.keys(await import(stub));
      const imported = namesImportedFrom(module);
      expect(imported).not.toEqual([]);
      for (const name of imported) expect(exported, `${name} from ${module}`).toContain(name);
    }
  });

  it('the diff editor stub refuses to make one', async () => {
    const {DiffEditorWidget} = await import('./monaco-stubs/diff-editor');
    expect(() => new DiffEditorWidget()).toThrow(/no diff editor/);
  });
});
