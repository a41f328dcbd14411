import {join} from 'node:path';
import type {Plugin} from '@docusaurus/types';

/** What NormalModuleReplacementPlugin hands its callback, before and after a request is resolved. */
interface Request {
  request: string;
  context: string;
  createData?: object;
}

/** The directory of @docusaurus/utils-common's modules, on any platform. */
const utilsCommon = /[\\/]@docusaurus[\\/]utils-common[\\/]lib$/;

/** Whether an import of `request` from the directory `context` gets the stand-in (./tslib.ts). */
export function takesSlimTslib(request: string, context: string): boolean {
  return request === 'tslib' && utilsCommon.test(context);
}

/**
 * In the browser bundle, @docusaurus/utils-common (in main.js) gets a tslib
 * with only the helper it calls; the server build keeps the real one.
 */
export default function slimTslibPlugin(context: {siteDir: string}): Plugin {
  const standIn = join(context.siteDir, 'src/plugins/slim-tslib/tslib.ts');
  return {
    name: 'beamline-slim-tslib',
    configureWebpack(_config, isServer, {currentBundler}) {
      if (isServer) return {};
      return {
        plugins: [
          new currentBundler.instance.NormalModuleReplacementPlugin(/^tslib$/, (request: Request) => {
            if (!request.createData && takesSlimTslib(request.request, request.context)) request.request = standIn;
          }),
        ],
      };
    },
  };
}
