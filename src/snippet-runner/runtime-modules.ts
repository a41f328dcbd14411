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

function libraryModules(): Record<string, unknown> {
  const modules: Record<string, unknown> = {};
  for (const key of library.keys()) modules[key.replace(/\.ts$/, '')] = library(key);
  return modules;
}

export interface RuntimeModules {
  /** The module URL an import of `specifier` loads, or undefined if the runtime has no such module. */
  resolve(specifier: string): string | undefined;
  /** Loads every module once, so a snippet's imports find them in the module map. */
  preload(): Promise<void>;
}

/**
 * Modules a snippet can import without having them as tabs: Connect, and any
 * file of packages/resilience/src by its relative name. Each is served as a small
 * module re-exporting the copy already bundled into the worker.
 */
export function runtimeModules(toUrl: (code: string) => string): RuntimeModules {
  const modules: Record<string, unknown> = {'@connectrpc/connect': connect, ...libraryModules()};
  (globalThis as Record<string, unknown>)[registry] = modules;
  const urls = new Map<string, string>();
  const resolve = (specifier: string) => {
    const key = specifier.replace(/\.(ts|js)$/, '');
    const module = modules[key];
    if (!module) return undefined;
    let url = urls.get(key);
    if (!url) {
      url = toUrl(facadeModule(registry, key, Object.keys(module as object)));
      urls.set(key, url);
    }
    return url;
  };
  return {
    resolve,
    preload: async () => {
      await Promise.all(Object.keys(modules).map((key) => import(/* webpackIgnore: true */ resolve(key)!)));
    },
  };
}
