import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {build} from 'esbuild';
import {describe, expect, it} from 'vitest';

const require = createRequire(import.meta.url);
const pureThemes = require('./prism-themes/loader.js') as (
  this: {emitWarning(error: Error): void},
  source: string,
) => string;
const original = readFileSync(require.resolve('prism-react-renderer').replace(/index\.js$/, 'index.mjs'), 'utf8');

function transformed(): {source: string; warnings: Error[]} {
  const warnings: Error[] = [];
  return {source: pureThemes.call({emitWarning: (error) => warnings.push(error)}, original), warnings};
}

/** prism-react-renderer as the loader leaves it, with an entry importing `names` from it, bundled and minified. */
async function bundled(names: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'prism-themes-'));
  writeFileSync(join(dir, 'prism.mjs'), transformed().source);
  writeFileSync(join(dir, 'entry.mjs'), `import {${names}} from './prism.mjs';\nconsole.log(${names});\n`);
  const result = await build({
    entryPoints: [join(dir, 'entry.mjs')],
    bundle: true,
    minify: true,
    write: false,
    format: 'esm',
    external: ['react', 'clsx'],
  });
  return result.outputFiles[0].text;
}

describe("prism-react-renderer's themes", () => {
  it('are built by a call marked pure, the file otherwise as it was', () => {
    const {source, warnings} = transformed();
    expect(warnings).toEqual([]);
    expect(source).toContain('var themes_exports = /* @__PURE__ */ (() => {');
    expect(source.replace(/var themes_exports = [\s\S]*?\}\)\(\);/, '')).toBe(
      original.replace(/var themes_exports = \{\};\n__export\(themes_exports, \{[^}]*\}\);/, ''),
    );
  });
  it('leave the bundle when nothing imports them, and are all there when something does', async () => {
    expect(await bundled('Highlight')).not.toMatch(/synthwave|gruvbox|#2a2139/);
    const withThemes = await bundled('themes');
    for (const theme of ['synthwave84', 'gruvboxMaterialDark', 'dracula', 'github', 'vsDark'])
      expect(withThemes).toContain(theme);
  });
  it('says so when the file no longer has the call', () => {
    const warnings: Error[] = [];
    expect(pureThemes.call({emitWarning: (error) => warnings.push(error)}, 'export {};')).toBe('export {};');
    expect(warnings).toHaveLength(1);
  });
});
