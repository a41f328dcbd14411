import {describe, expect, it} from 'vitest';
import {facadeModule, LinkError, linkModules} from './module-linker';

// Module "URLs" here are the text itself, so a test can read what was linked.
const toUrl = (code: string) => `mod:${code}`;

describe('linkModules', () => {
  it('rewrites imports between files, dependencies first, whatever the extension spelled', async () => {
    const files = {
      'main.ts': "import {bucket} from './token-bucket';\nimport {b} from './util.js';\nbucket(b);",
      'token-bucket.ts': "export {b as bucket} from './util';",
      'util.ts': 'export const b = 1;',
    };
    const linked = await linkModules({files, entry: 'main.ts', external: () => undefined, toUrl});
    const utilUrl = 'mod:export const b = 1;';
    const bucketUrl = `mod:export {b as bucket} from '${utilUrl}';`;
    expect(linked.entryUrl).toBe(`mod:import {bucket} from '${bucketUrl}';\nimport {b} from '${utilUrl}';\nbucket(b);`);
    expect([...linked.fileByUrl.values()].sort()).toEqual(['main.ts', 'token-bucket.ts', 'util.ts']);
  });

  it('leaves strings that merely look like imports alone', async () => {
    const files = {'main.ts': 'log("import x from \'./nowhere\'");'};
    const linked = await linkModules({files, entry: 'main.ts', external: () => undefined, toUrl});
    expect(linked.entryUrl).toBe(`mod:${files['main.ts']}`);
  });

  it('sends other specifiers to the runtime and quotes dynamic imports', async () => {
    const files = {'main.ts': "import {Code} from '@connectrpc/connect';\nconst clock = await import('./clock');"};
    const external = (specifier: string) => ({'@connectrpc/connect': 'ext:connect', './clock': 'ext:clock'})[specifier];
    const linked = await linkModules({files, entry: 'main.ts', external, toUrl});
    expect(linked.entryUrl).toBe(`mod:import {Code} from 'ext:connect';\nconst clock = await import("ext:clock");`);
  });

  it('names the file and the import it cannot resolve', async () => {
    const files = {'main.ts': "import {x} from './missing';"};
    const linking = linkModules({files, entry: 'main.ts', external: () => undefined, toUrl});
    await expect(linking).rejects.toThrow(LinkError);
    await expect(linking).rejects.toThrow("main.ts imports './missing'");
  });

  it('refuses import cycles instead of recursing forever', async () => {
    const files = {'a.ts': "import './b';", 'b.ts': "import './a';"};
    await expect(linkModules({files, entry: 'a.ts', external: () => undefined, toUrl})).rejects.toThrow('import cycle');
  });
});

describe('facadeModule', () => {
  it('re-exports the named members of a runtime object', () => {
    expect(facadeModule('__m', './clock', ['realClock', 'VirtualClock', 'default', 'not-valid'])).toBe(
      'const m = globalThis["__m"]["./clock"];\nexport const {realClock, VirtualClock} = m;\nexport default m.default;',
    );
  });
});
