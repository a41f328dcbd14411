import {writeFileSync} from 'node:fs';
import type {Plugin} from '@docusaurus/types';

interface StatsCompiler {
  hooks: {done: {tap(name: string, fn: (stats: {toJson(options: object): unknown}) => void): void}};
}

/**
 * With BUNDLE_STATS=<file>, `npm run build` writes the client bundle's chunks
 * and modules as JSON there: what each page's eager chunks hold, for
 * `npm run bench:page-weight -- --chunks`.
 */
export default function bundleStatsPlugin(): Plugin {
  const file = process.env.BUNDLE_STATS;
  return {
    name: 'beamline-bundle-stats',
    configureWebpack(_config, isServer) {
      if (!file || isServer) return {};
      return {
        plugins: [
          {
            apply(compiler: StatsCompiler) {
              compiler.hooks.done.tap('beamline-bundle-stats', (stats) => {
                writeFileSync(
                  file,
                  JSON.stringify(
                    stats.toJson({
                      all: false,
                      chunks: true,
                      chunkModules: true,
                      nestedModules: true,
                      dependentModules: true,
                      ids: true,
                    }),
                  ),
                );
              });
            },
          },
        ],
      };
    },
  };
}
