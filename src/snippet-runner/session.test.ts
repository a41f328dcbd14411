import {afterEach, describe, expect, it, vi} from 'vitest';

/** A tab's sessionStorage, or one that throws as a browser with storage blocked does. */
function stubStorage(blocked = false) {
  const items = new Map<string, string>();
  vi.stubGlobal('sessionStorage', {
    getItem: (key: string) => {
      if (blocked) throw new DOMException('blocked', 'SecurityError');
      return items.get(key) ?? null;
    },
    setItem: (key: string, value: string) => {
      if (blocked) throw new DOMException('blocked', 'SecurityError');
      items.set(key, value);
    },
  });
  return items;
}

async function freshModule() {
  vi.resetModules();
  return import('./session');
}

describe('reader identity', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('makes ids without crypto.randomUUID, which insecure contexts (plain http on a LAN) lack', async () => {
    vi.stubGlobal('crypto', {getRandomValues: globalThis.crypto.getRandomValues.bind(globalThis.crypto)});
    stubStorage();
    const {newReaderId, readerSession} = await freshModule();
    expect(newReaderId()).toMatch(/^[0-9a-f]{16}$/);
    expect(newReaderId()).not.toBe(newReaderId());
    expect(readerSession()).toMatch(/^[0-9a-f]{16}$/);
  });

  it('keeps one id per tab in sessionStorage, and the tenant is derived from it', async () => {
    const items = stubStorage();
    const {readerSession, readerTenant} = await freshModule();
    const id = readerSession();
    expect(readerSession()).toBe(id);
    expect([...items.values()]).toEqual([id]);
    expect(readerTenant()).toBe(`reader-${id}`);
  });

  it('reuses the id a reload finds in sessionStorage', async () => {
    stubStorage().set('beamline-reader-id', '00112233aabbccdd');
    const {readerSession} = await freshModule();
    expect(readerSession()).toBe('00112233aabbccdd');
  });

  it('stays one id for the page when storage is blocked', async () => {
    stubStorage(true);
    const {readerSession} = await freshModule();
    expect(readerSession()).toBe(readerSession());
  });
});
