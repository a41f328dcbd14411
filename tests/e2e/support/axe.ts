import {createRequire} from 'node:module';
import type {Page} from 'playwright-core';

const axeScript = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** The WCAG 2.1 A and AA rules: the level the guide promises. */
export const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

interface AxeNode {
  target: unknown[];
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: AxeNode[];
}

/** What every page shares: the navbar, the sidebar and the footer. */
const chrome = [['.navbar'], ['.theme-doc-sidebar-container'], ['.footer']];

/**
 * Runs axe-core in the page (injected from node_modules, nothing fetched) and
 * returns one line per failing element — rule, element, why — prefixed with
 * `where`, so a failure says what to fix and on which page. With
 * `skipChrome`, the parts every page shares are left out (cheaper, for a
 * sweep that checks them in full on a few pages).
 */
export async function axeViolations(page: Page, where: string, {skipChrome = false} = {}): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({path: axeScript});
  const violations = await page.evaluate(
    async ({tags, exclude}) => {
      const axe = (
        window as unknown as {axe: {run(context: unknown, options: unknown): Promise<{violations: unknown}>}}
      ).axe;
      const context = exclude.length ? {exclude} : document;
      const result = await axe.run(context, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
      return result.violations;
    },
    {tags: wcagTags, exclude: skipChrome ? chrome : []},
  );
  return (violations as AxeViolation[]).flatMap((violation) =>
    violation.nodes.map(
      (node) =>
        `${where}: ${violation.id} (${violation.impact}) at ${node.target.join(' ')} — ${violation.help}${
          node.failureSummary ? `: ${node.failureSummary.replace(/\s+/g, ' ').slice(0, 240)}` : ''
        }`,
    ),
  );
}
