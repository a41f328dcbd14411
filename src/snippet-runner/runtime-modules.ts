import * as connect from '@connectrpc/connect';
import {facadeModule} from './module-linker';

const registry = '__beamlineModules';

// The pattern library, file by file, so a snippet's tab (a copy of one
// library file) can import its neighbours ('./clock', './errors') as the
// library itself does. Test files are left out by the pattern.
const library = import.meta.webpackContext('../../packages/resilience/src', {
  recursive: false,
  regExp: /^\.\/[\w-]+\.ts$/,
});

export interface RuntimeModules {
  /** The module URL an import of `specifier` loads, or undefined if the runtime has no such module. */
  resolve(specifier: string): string | undefined;
}

/**
 * Modules a snippet can import without having them as tabs: Connect, and any
 * file of packages/resilience/src by its relative name. Each is served as a small
 * module re-exporting the copy already bundled into the worker.
 *
 * A module and its facade are made when a snippet first imports it, not
 * when the worker starts: most snippets import none or a few of the ~30,
 * and making them all (a blob URL and a module load each) was a third of
 * the spare worker's start-up, which the next Run waited for when it came
 * soon after the last.
 */
export function runtimeModules(toUrl: (code: string) => string): RuntimeModules {
  const loaders = new Map<string, () => unknown>([['@connectrpc/connect', () => connect]]);
  for (const key of library.keys()) loaders.set(key.replace(/\.ts$/, ''), () => library(key));
  const modules: Record<string, unknown> = {};
  (globalThis as Record<string, unknown>)[registry] = modules;
  const urls = new Map<string, string>();
  return {
    resolve(specifier) {
      const key = specifier.replace(/\.(ts|js)$/, '');
      const load = loaders.get(key);
      if (!load) return undefined;
      let url = urls.get(key);
      if (!url) {
        modules[key] = load();
        url = toUrl(facadeModule(registry, key, Object.keys(modules[key] as object)));
        urls.set(key, url);
      }
      return url;
    },
  };
}
