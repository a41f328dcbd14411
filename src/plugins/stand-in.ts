import type {Plugin} from '@docusaurus/types';

/** What NormalModuleReplacementPlugin hands its callback, before and after a request is resolved. */
export interface ImportRequest {
  request: string;
  /** The importing module's directory. */
  context: string;
  contextInfo: {issuer: string};
  createData?: object;
}

/**
 * A plugin that, in the browser bundle only (the server build keeps every
 * module), swaps imports whose request matches `requests` for the module
 * `standInFor` names, if it names one. Swapped before resolution, so that a
 * stand-in is built as the TypeScript it is, and is one module whoever imports it.
 */
export function standInPlugin(
  name: string,
  requests: RegExp,
  standInFor: (request: ImportRequest) => string | undefined,
): Plugin {
  return {
    name,
    configureWebpack(_config, isServer, {currentBundler}) {
      if (isServer) return {};
      return {
        plugins: [
          new currentBundler.instance.NormalModuleReplacementPlugin(requests, (request: ImportRequest) => {
            if (request.createData) return;
            const standIn = standInFor(request);
            if (standIn) request.request = standIn;
          }),
        ],
      };
    },
  };
}
