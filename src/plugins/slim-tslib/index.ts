import {join} from 'node:path';
import type {Plugin} from '@docusaurus/types';
import {standInPlugin} from '../stand-in';

/** The directory of @docusaurus/utils-common's modules, on any platform. */
const utilsCommon = /[\\/]@docusaurus[\\/]utils-common[\\/]lib$/;

/** Whether an import of `request` from the directory `context` gets the stand-in (./tslib.ts). */
export function takesSlimTslib(request: string, context: string): boolean {
  return request === 'tslib' && utilsCommon.test(context);
}

/** In the browser bundle, @docusaurus/utils-common (in main.js) gets a tslib with only the helper it calls. */
export default function slimTslibPlugin(context: {siteDir: string}): Plugin {
  const standIn = join(context.siteDir, 'src/plugins/slim-tslib/tslib.ts');
  return standInPlugin('beamline-slim-tslib', /^tslib$/, ({request, context}) =>
    takesSlimTslib(request, context) ? standIn : undefined,
  );
}
