import {readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {Prism} from 'prism-react-renderer';
import {describe, expect, it, vi} from 'vitest';
import prismIncludeLanguages from './prism-include-languages';

// The site config as Docusaurus generates it for the browser: this repository's own.
vi.mock('@generated/docusaurus.config', async () => ({default: (await import('../../docusaurus.config')).default}));

const docs = join(__dirname, '../../docs');
// Not highlighted on purpose: plain text, and diagrams drawn by the Mermaid theme.
const unhighlighted = new Set(['text', 'mermaid']);

const pages = (dir: string): string[] =>
  readdirSync(dir, {withFileTypes: true}).flatMap((entry) =>
    entry.isDirectory() ? pages(join(dir, entry.name)) : /\.mdx?$/.test(entry.name) ? [join(dir, entry.name)] : [],
  );

describe('code-block languages', () => {
  it('every language a guide page fences has a grammar: prism-react-renderer’s own or a configured one', () => {
    const used = new Set(
      pages(docs).flatMap((page) => [...readFileSync(page, 'utf8').matchAll(/^\s*```(\w[\w-]*)/gm)].map((m) => m[1]!)),
    );
    prismIncludeLanguages(Prism);
    const missing = [...used].filter((language) => !unhighlighted.has(language) && !Prism.languages[language]);
    expect(missing).toEqual([]);
    expect(used.size).toBeGreaterThan(5);
  });
});
