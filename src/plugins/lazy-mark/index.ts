import {createRequire} from 'node:module';
import {join} from 'node:path';
import type {Plugin} from '@docusaurus/types';

/**
 * The search plugin's generated module imports mark.js by its resolved path
 * on every page; in the browser bundle that path resolves to LazyMark
 * instead, which fetches mark.js when a page has search terms to highlight.
 */
export default function lazyMarkPlugin(context: {siteDir: string}): Plugin {
  const markPath = createRequire(join(context.siteDir, 'package.json')).resolve('mark.js');
  return {
    name: 'beamline-lazy-mark',
    configureWebpack(_config, isServer) {
      if (isServer) return {};
      return {resolve: {alias: {[`${markPath}$`]: join(context.siteDir, 'src/plugins/lazy-mark/mark.ts')}}};
    },
  };
}
