import {describe, expect, it} from 'vitest';
import {compressToEncodedURIComponent} from 'lz-string';
import {readShareHash, shareHash} from './share-link';

describe('share links', () => {
  it('round-trip the edited files of one playground', () => {
    const shared = {id: 'retry-full-jitter', files: {'main.ts': 'const base = 500; // ünïcode ✓\n'.repeat(20)}};
    const hash = shareHash(shared);
    expect(hash).toMatch(/^#share=[A-Za-z0-9+\-$]+$/);
    expect(hash.length).toBeLessThan(JSON.stringify(shared).length);
    expect(readShareHash(hash)).toEqual(shared);
  });

  it('ignore hashes that are not share links or do not decode', () => {
    expect(readShareHash('#run-it')).toBeUndefined();
    expect(readShareHash('#share=%%%')).toBeUndefined();
    expect(readShareHash(`#share=${compressToEncodedURIComponent('{"id":3,"files":{}}')}`)).toBeUndefined();
    expect(readShareHash(`#share=${compressToEncodedURIComponent('{"id":"x","files":{"main.ts":7}}')}`)).toEqual({
      id: 'x',
      files: {},
    });
  });
});
