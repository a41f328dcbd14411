import {readdirSync, readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';

// The playground runs these files in its worker, where an import resolves only
// to a neighbouring library file or to Connect itself (src/snippet-runner/runtime-modules.ts).
// Anything else — a Connect subpath, a Node module — bundles fine and then
// fails in the reader's browser with a module that cannot be found.
const RESOLVABLE_IN_THE_WORKER = /^(\.\/[\w-]+|@connectrpc\/connect)$/;

// The same files runtime-modules.ts bundles: one dot, so tests and test kits stay out.
const libraryFiles = readdirSync(new URL('.', import.meta.url)).filter((name) => /^[\w-]+\.ts$/.test(name));

describe('the pattern library imports only what the playground worker can resolve', () => {
  it.each(libraryFiles)('%s', (name) => {
    const source = readFileSync(new URL(name, import.meta.url), 'utf8');
    const specifiers = [...source.matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s+'([^']+)'/gm)].map((m) => m[1]);
    expect(specifiers.filter((specifier) => !RESOLVABLE_IN_THE_WORKER.test(specifier!))).toEqual([]);
  });
});
