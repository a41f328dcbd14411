import {describe, expect, it} from 'vitest';
import {shareHash} from './share-link';
import {editsOf, openingFiles, saveEdits, storageKey, type EditStore} from './stored-files';

const originals = {'main.ts': 'run()', 'backoff.ts': 'export const base = 100;'};

function memoryStore(entries: Record<string, string> = {}): EditStore & {entries: Record<string, string>} {
  return {
    entries,
    getItem: (key) => entries[key] ?? null,
    setItem: (key, value) => void (entries[key] = value),
    removeItem: (key) => void delete entries[key],
  };
}

const broken: EditStore = {
  getItem: () => {
    throw new Error('SecurityError');
  },
  setItem: () => {
    throw new Error('QuotaExceededError');
  },
  removeItem: () => {
    throw new Error('SecurityError');
  },
};

describe('the files a playground opens with', () => {
  it('are the originals when nothing was saved or shared', () => {
    expect(openingFiles('retry', originals, '', memoryStore())).toEqual({files: originals, origin: 'original'});
  });

  it('restore the reader’s saved edits, ignoring files the page no longer has', () => {
    const store = memoryStore({[storageKey('retry')]: JSON.stringify({'main.ts': 'mine()', 'gone.ts': 'x'})});
    expect(openingFiles('retry', originals, '', store)).toEqual({
      files: {...originals, 'main.ts': 'mine()'},
      origin: 'restored',
    });
  });

  it('prefer a share link for this playground over saved edits, and ignore one for another playground', () => {
    const store = memoryStore({[storageKey('retry')]: JSON.stringify({'main.ts': 'saved()'})});
    const hash = shareHash({id: 'retry', files: {'backoff.ts': 'export const base = 5;'}});
    expect(openingFiles('retry', originals, hash, store)).toEqual({
      files: {...originals, 'backoff.ts': 'export const base = 5;'},
      origin: 'shared',
    });
    expect(openingFiles('breaker', originals, hash, memoryStore()).origin).toBe('original');
  });

  it('start clean from unreadable or blocked storage', () => {
    expect(openingFiles('retry', originals, '', memoryStore({[storageKey('retry')]: '{not json'})).origin).toBe(
      'original',
    );
    expect(openingFiles('retry', originals, '', broken)).toEqual({files: originals, origin: 'original'});
  });
});

describe('saving edits', () => {
  it('stores only what differs from the originals, and forgets the key once nothing does', () => {
    const store = memoryStore();
    saveEdits(store, 'retry', originals, {...originals, 'main.ts': 'mine()'});
    expect(JSON.parse(store.entries[storageKey('retry')])).toEqual({'main.ts': 'mine()'});
    saveEdits(store, 'retry', originals, originals);
    expect(store.entries).toEqual({});
  });

  it('never throws when storage refuses (private mode, full quota)', () => {
    expect(() => saveEdits(broken, 'retry', originals, {...originals, 'main.ts': 'x'})).not.toThrow();
    expect(() => saveEdits(broken, 'retry', originals, originals)).not.toThrow();
  });

  it('editsOf names exactly the changed files', () => {
    expect(editsOf(originals, {...originals, 'backoff.ts': 'y'})).toEqual({'backoff.ts': 'y'});
    expect(editsOf(originals, originals)).toEqual({});
  });
});
