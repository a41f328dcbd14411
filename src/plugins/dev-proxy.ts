import type {Plugin} from '@docusaurus/types';
import {isServerPath} from '../../playground-server/src/routes';

/**
 * Forwards the playground-server's paths — every route of its route table
 * but the static site — from the Docusaurus dev server to the server
 * started beside it by `npm start` (scripts/dev.ts sets
 * PLAYGROUND_API_URL). Only dev uses this; production serves both from one
 * process, so the browser never needs CORS either way.
 */
export default function devProxyPlugin(): Plugin {
  return {
    name: 'beamline-dev-proxy',
    configureWebpack(_config, isServer) {
      const target = process.env.PLAYGROUND_API_URL;
      if (isServer || !target) return {};
      return {
        devServer: {
          proxy: [
            {
              context: (path: string) => isServerPath(path),
              target,
              ws: false,
              // SSE and streaming RPCs must not be buffered by the proxy.
              proxyTimeout: 0,
            },
          ],
        },
      } as ReturnType<NonNullable<Plugin['configureWebpack']>>;
    },
  };
}
