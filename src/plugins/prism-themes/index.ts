import {join} from 'node:path';
import type {Plugin} from '@docusaurus/types';

/**
 * In the browser bundle, prism-react-renderer's themes are dropped unless
 * something there uses them (see loader.js): Docusaurus hands CodeBlock the
 * two the config picked, as values in the site config, so every page carried
 * all twenty (~3 KB gz) for nothing.
 */
export default function prismThemesPlugin(context: {siteDir: string}): Plugin {
  return {
    name: 'beamline-prism-themes',
    configureWebpack(_config, isServer) {
      if (isServer) return {};
      return {
        module: {
          rules: [
            {
              test: /[\\/]prism-react-renderer[\\/]dist[\\/]index\.mjs$/,
              use: [join(context.siteDir, 'src/plugins/prism-themes/loader.js')],
            },
          ],
        },
      };
    },
  };
}
