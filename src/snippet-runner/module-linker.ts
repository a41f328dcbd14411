import {init, parse} from 'es-module-lexer';

export interface LinkOptions {
  /** The reader's files, already plain JavaScript, by name (`main.ts`). */
  files: Record<string, string>;
  entry: string;
  /** A module URL for an import that is none of the files, or undefined if there is none. */
  external(specifier: string): string | undefined;
  /** Turns module text into a URL `import()` can load (a blob: URL in the worker). */
  toUrl(code: string): string;
}

export interface LinkedModules {
  entryUrl: string;
  /** Which file each module URL holds, to map stack frames back to the editor's tabs. */
  fileByUrl: Map<string, string>;
}

export class LinkError extends Error {
  constructor(
    message: string,
    readonly file: string,
  ) {
    super(message);
    this.name = 'LinkError';
  }
}

/** `./token-bucket`, `./token-bucket.ts` and `./token-bucket.js` all name the tab `token-bucket.ts`. */
function fileFor(specifier: string, files: Record<string, string>): string | undefined {
  if (!specifier.startsWith('./')) return undefined;
  const base = specifier.slice(2).replace(/\.(ts|js)$/, '');
  return [`${base}.ts`, `${base}.js`, base].find((name) => name in files);
}

/**
 * Links a snippet made of several files into ES modules the browser can load:
 * each file's imports are rewritten to the URL of the file (or of a module
 * the runtime provides), dependencies first. The browser's own loader then
 * does the rest, so a stack frame points at the file and line the reader wrote.
 */
export async function linkModules({files, entry, external, toUrl}: LinkOptions): Promise<LinkedModules> {
  await init;
  const urls = new Map<string, string>();
  const fileByUrl = new Map<string, string>();
  const visiting = new Set<string>();

  const link = (file: string): string => {
    const known = urls.get(file);
    if (known) return known;
    if (visiting.has(file)) throw new LinkError(`${file} is part of an import cycle`, file);
    visiting.add(file);
    const code = files[file];
    let imports;
    try {
      [imports] = parse(code, file);
    } catch (error) {
      throw new LinkError(`could not read the imports of ${file}: ${(error as Error).message}`, file);
    }
    let rewritten = '';
    let last = 0;
    for (const {n: specifier, s: start, e: end, d: dynamic} of imports) {
      // import.meta and dynamic imports of computed strings are left alone.
      if (specifier === undefined || dynamic === -2) continue;
      const local = fileFor(specifier, files);
      const target = local ? link(local) : external(specifier);
      if (!target)
        throw new LinkError(
          `${file} imports '${specifier}', which is neither a tab here nor a module the playground provides`,
          file,
        );
      const quoted = dynamic > -1;
      rewritten += code.slice(last, start) + (quoted ? JSON.stringify(target) : target);
      last = end;
    }
    rewritten += code.slice(last);
    visiting.delete(file);
    const url = toUrl(rewritten);
    urls.set(file, url);
    fileByUrl.set(url, file);
    return url;
  };

  if (!(entry in files)) throw new LinkError(`there is no file named ${entry}`, entry);
  return {entryUrl: link(entry), fileByUrl};
}

/**
 * Source of a module that re-exports an object the runtime already holds
 * (`globalThis[registry][key]`), so readers' files can import the bundled
 * library and Connect by name.
 */
export function facadeModule(registry: string, key: string, exportNames: readonly string[]): string {
  const names = exportNames.filter((name) => name !== 'default' && /^[A-Za-z_$][\w$]*$/.test(name));
  const source = `globalThis[${JSON.stringify(registry)}][${JSON.stringify(key)}]`;
  const lines = [`const m = ${source};`];
  if (names.length) lines.push(`export const {${names.join(', ')}} = m;`);
  if (exportNames.includes('default')) lines.push('export default m.default;');
  return lines.join('\n');
}
