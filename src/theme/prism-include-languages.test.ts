import {readdirSync, readFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {join} from 'node:path';
import {Prism} from 'prism-react-renderer';
import {describe, expect, it} from 'vitest';
import config from '../../docusaurus.config';

const require = createRequire(import.meta.url);
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
    const {additionalLanguages} = (config.themeConfig as {prism: {additionalLanguages: string[]}}).prism;
    const global = globalThis as {Prism?: typeof Prism};
    global.Prism = Prism;
    try {
      for (const language of additionalLanguages) require(`prismjs/components/prism-${language}`);
    } finally {
      delete global.Prism;
    }
    const missing = [...used].filter((language) => !unhighlighted.has(language) && !Prism.languages[language]);
    expect(missing).toEqual([]);
    expect(used.size).toBeGreaterThan(5);
  });
});
