import {readFileSync, readdirSync} from 'node:fs';
import {join, relative} from 'node:path';

/** The ```mermaid blocks of each guide page, in page order, with the page's URL. Node only. */
export function mermaidBlocks(docs = 'docs'): {url: string; sources: string[]}[] {
  const pages: {url: string; sources: string[]}[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, {withFileTypes: true}).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.mdx?$/.test(entry.name)) {
        const sources = [...readFileSync(path, 'utf8').matchAll(/^```mermaid\n([\s\S]*?)^```$/gm)].map((match) =>
          match[1].trim(),
        );
        const slug = relative(docs, path)
          .replace(/\.mdx?$/, '')
          .replace(/(^|\/)index$/, '$1');
        if (sources.length) pages.push({url: `/guide/${slug}`, sources});
      }
    }
  };
  walk(docs);
  return pages;
}
