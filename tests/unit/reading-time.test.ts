/**
 * The reading time a page shows (src/theme/DocItem/Content reads it from the
 * front matter) is a promise: check it against the page's length — its code
 * and the files it shows included — and check that the pages of each section
 * add up to the section's minutes.
 */
import {existsSync, readFileSync} from 'node:fs';
import {dirname} from 'node:path';
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
  'Resilience patterns': {
    minutes: 92,
    pages: [
      'docs/resilience/index.mdx',
      'docs/resilience/retry-backoff.mdx',
      'docs/resilience/many-clients.mdx',
      'docs/resilience/retry-budgets.mdx',
      'docs/resilience/circuit-breaker.mdx',
      'docs/resilience/rate-limiting.mdx',
      'docs/resilience/backpressure.mdx',
      'docs/resilience/timeouts-deadlines.mdx',
    ],
  },
  'Production deployment': {
    minutes: 10,
    pages: [
      'docs/production/index.mdx',
      'docs/production/monitoring.mdx',
      'docs/production/nats.mdx',
      'docs/production/troubleshooting.mdx',
    ],
  },
};

const frontMatterNumber = (mdx: string, key: string) => Number(mdx.match(new RegExp(`^${key}: (\\d+)$`, 'm'))?.[1]);

/**
 * Minutes to read a page: prose at 200 words a minute, code a reader is
 * meant to read at 40 lines a minute, plus a minute for each console,
 * request builder or playground to try. A playground's own files (src/snippets,
 * packages/resilience/src) are the lesson and count in full; files shown in language
 * tabs count once per page (a reader reads their own language), approximated
 * by counting each at a quarter.
 */
export function estimateMinutes(mdx: string, pageDir = '.'): number {
  const body = mdx.replace(/^---[\s\S]*?---/, '');
  const code = [...body.matchAll(/^```[^\n]*\n([\s\S]*?)^```/gm)].map((match) => match[1]);
  const codeLines = code.reduce((sum, block) => sum + block.split('\n').filter((line) => line.trim()).length, 0);
  const prose = body
    .replace(/^```[\s\S]*?^```/gm, '')
    .replace(/^import .*$/gm, '')
    .replace(/<[^>]+>/g, '');
  const words = prose.split(/\s+/).filter((word) => /\w/.test(word)).length;
  let shownLines = 0;
  let lessonLines = 0;
  // Files a page imports, and files a playground fetches as its tabs (`() => import('!!raw-loader!…')`).
  const imported = [
    ...body.matchAll(/^import \w+ from '(?:!!raw-loader!)?(@site\/|\.\/)([^']+)';$/gm),
    ...body.matchAll(/\bimport\('(?:!!raw-loader!)?(@site\/|\.\/)([^']+)'\)/g),
  ];
  for (const match of imported) {
    const path = match[1] === './' ? `${pageDir}/${match[2]}` : match[2];
    if (!existsSync(path) || !/\.(ts|py|go|js|mjs|json|proto|sh)$/.test(path)) continue;
    const lines = readFileSync(path, 'utf8')
      .split('\n')
      .filter((line) => line.trim()).length;
    // A playground's own files are the lesson; files in language tabs are read one tab in four.
    if (/^src\/(snippets|resilience)\//.test(path)) lessonLines += lines;
    else shownLines += lines;
  }
  const widgets = (body.match(/<(HttpConsole|RequestBuilder|Playground)\b/g) ?? []).length;
  return words / 200 + codeLines / 40 + lessonLines / 40 + shownLines / 4 / 40 + widgets;
}

describe('reading times of every section', () => {
  for (const [section, {minutes, pages}] of Object.entries(plan)) {
    it(`${section}: pages add up to the planned ${minutes} min, and each page's figure fits its length`, () => {
      const stated = pages.map((page) => frontMatterNumber(readFileSync(page, 'utf8'), 'reading_time'));
      expect(stated.reduce((sum, value) => sum + value, 0)).toBe(minutes);
      const first = readFileSync(pages[0], 'utf8');
      if (pages.length > 1) expect(frontMatterNumber(first, 'section_reading_time')).toBe(minutes);
      for (const [index, page] of pages.entries()) {
        const estimate = estimateMinutes(readFileSync(page, 'utf8'), dirname(page));
        // Within a factor of two either way: an estimate, not a stopwatch.
        expect(
          estimate,
          `${page} states ${stated[index]} min, its length suggests ${estimate.toFixed(1)}`,
        ).toBeGreaterThanOrEqual(stated[index] / 2);
        expect(
          estimate,
          `${page} states ${stated[index]} min, its length suggests ${estimate.toFixed(1)}`,
        ).toBeLessThanOrEqual(stated[index] * 2);
      }
    });
  }
});
