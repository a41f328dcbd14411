/**
 * The reading time a page of sections 1–4 shows is a promise: check it
 * against the page's length (and the files it shows), and check that the
 * pages of each section add up to the section's planned minutes.
 */
import {existsSync, readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';

const plan: Record<string, {minutes: number; pages: string[]}> = {
  'Architecture overview': {minutes: 5, pages: ['docs/architecture/index.mdx']},
  'Quick start': {minutes: 5, pages: ['docs/quick-start/index.mdx']},
  'HTTP integration via c-gateway': {
    minutes: 10,
    pages: [
      'docs/http-gateway/index.mdx',
      'docs/http-gateway/errors-and-rate-limits.mdx',
      'docs/http-gateway/clients.mdx',
    ],
  },
  'gRPC direct integration': {
    minutes: 15,
    pages: [
      'docs/grpc/index.mdx',
      'docs/grpc/generated-clients.mdx',
      'docs/grpc/deadlines-metadata-errors.mdx',
      'docs/grpc/streaming.mdx',
    ],
  },
};

const frontMatterNumber = (mdx: string, key: string) => Number(mdx.match(new RegExp(`^${key}: (\\d+)$`, 'm'))?.[1]);

/**
 * Minutes to read a page: prose at 200 words a minute, code a reader is
 * meant to read at 40 lines a minute, plus a minute for each console,
 * request builder or playground to try. Files shown in tabs count once per
 * page (a reader reads their own language), so the longest of each tab group
 * is what counts — approximated by counting each shown file at a quarter.
 */
export function estimateMinutes(mdx: string): number {
  const body = mdx.replace(/^---[\s\S]*?---/, '');
  const code = [...body.matchAll(/^```[^\n]*\n([\s\S]*?)^```/gm)].map((match) => match[1]);
  const codeLines = code.reduce((sum, block) => sum + block.split('\n').filter((line) => line.trim()).length, 0);
  const prose = body
    .replace(/^```[\s\S]*?^```/gm, '')
    .replace(/^import .*$/gm, '')
    .replace(/<[^>]+>/g, '');
  const words = prose.split(/\s+/).filter((word) => /\w/.test(word)).length;
  let shownLines = 0;
  for (const match of body.matchAll(/^import \w+ from '!!raw-loader!@site\/([^']+)';$/gm)) {
    if (existsSync(match[1]))
      shownLines += readFileSync(match[1], 'utf8')
        .split('\n')
        .filter((line) => line.trim()).length;
  }
  const widgets = (body.match(/<(HttpConsole|RequestBuilder|Playground)\b/g) ?? []).length;
  return words / 200 + codeLines / 40 + shownLines / 4 / 40 + widgets;
}

describe('reading times of sections 1–4', () => {
  for (const [section, {minutes, pages}] of Object.entries(plan)) {
    it(`${section}: pages add up to the planned ${minutes} min, and each page's figure fits its length`, () => {
      const stated = pages.map((page) => frontMatterNumber(readFileSync(page, 'utf8'), 'reading_time'));
      expect(stated.reduce((sum, value) => sum + value, 0)).toBe(minutes);
      const first = readFileSync(pages[0], 'utf8');
      if (pages.length > 1) expect(frontMatterNumber(first, 'section_reading_time')).toBe(minutes);
      for (const [index, page] of pages.entries()) {
        const estimate = estimateMinutes(readFileSync(page, 'utf8'));
        // Within a factor of two either way: an estimate, not a stopwatch.
        expect(
          estimate,
          `${page} states ${stated[index]} min, its length suggests ${estimate.toFixed(1)}`,
        ).toBeGreaterThanOrEqual(stated[index] / 2);
        expect(
          estimate,
          `${page} states ${stated[index]} min, its length suggests ${estimate.toFixed(1)}`,
        ).toBeLessThanOrEqual(stated[index] * 2);
        expect(readFileSync(page, 'utf8')).toContain('<ReadingTime />');
      }
    });
  }
});
