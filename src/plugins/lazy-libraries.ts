import {existsSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import type {Plugin} from '@docusaurus/types';

/** Libraries only ever reached through a dynamic import (diagrams); their dependencies too. */
const lazyRoots = ['mermaid'];

function dependencyClosure(roots: readonly string[], siteDir: string): Set<string> {
  const seen = new Set<string>();
  const visit = (name: string) => {
    const manifest = join(siteDir, 'node_modules', name, 'package.json');
    if (seen.has(name) || !existsSync(manifest)) return;
    seen.add(name);
    const {dependencies = {}} = JSON.parse(readFileSync(manifest, 'utf8')) as {dependencies?: Record<string, string>};
    for (const dependency of Object.keys(dependencies)) visit(dependency);
  };
  for (const root of roots) visit(root);
  return seen;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** Matches any module path that is not inside one of `packages` (nested copies included). */
export function outsidePackages(packages: Iterable<string>): RegExp {
  const names = [...packages].map(escapeRegExp).join('|');
  return new RegExp(`^(?!.*[\\\\/]node_modules[\\\\/](?:${names})[\\\\/])`);
}

/**
 * Docusaurus puts any module shared by half the pages' chunks into `common`,
 * which every page loads. Mermaid's ~25 lazy diagram chunks all share its
 * parser (langium, chevrotain…), so that parser qualified and every page paid
 * ~150 KB gz for it. Keeping the lazy libraries' modules out of `common`
 * leaves them in the chunks that load when a diagram is drawn.
 */
export default function lazyLibrariesPlugin(context: {siteDir: string}): Plugin {
  const lazy = dependencyClosure(lazyRoots, context.siteDir);
  return {
    name: 'beamline-lazy-libraries',
    configureWebpack(config, isServer) {
      const common = config.optimization?.splitChunks ? config.optimization.splitChunks.cacheGroups?.common : undefined;
      if (isServer || !common || typeof common !== 'object') return {};
      common.test = outsidePackages(lazy);
      return {};
    },
  };
}
