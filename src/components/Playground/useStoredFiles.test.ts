// @vitest-environment happy-dom
import {act} from 'react';
import {afterEach, describe, expect, it} from 'vitest';
import {renderHook} from '../test-support/render-hook';
import {shareHash} from './share-link';
import {useStoredFiles, type Files} from './useStoredFiles';

const originals: Files = {'main.ts': 'original main', 'retry.ts': 'original retry'};

afterEach(() => {
  localStorage.clear();
  window.location.hash = '';
});

describe('useStoredFiles', () => {
  it('keeps an edit across a remount (a reload) and Reset brings the originals back', async () => {
    const first = await renderHook(({id}) => useStoredFiles(id, originals), {id: 'p1'});
    expect(first.current.origin).toBe('original');
    await act(async () => first.current.setFile('main.ts', 'edited main'));
    expect(first.current.edited).toBe(true);
    expect(first.current.edits).toEqual({'main.ts': 'edited main'});
    await first.unmount();

    const reloaded = await renderHook(({id}) => useStoredFiles(id, originals), {id: 'p1'});
    expect(reloaded.current.origin).toBe('restored');
    expect(reloaded.current.files).toEqual({...originals, 'main.ts': 'edited main'});
    await act(async () => reloaded.current.reset());
    expect(reloaded.current.files).toEqual(originals);
    expect(reloaded.current.edited).toBe(false);
    await reloaded.unmount();

    const afterReset = await renderHook(({id}) => useStoredFiles(id, originals), {id: 'p1'});
    expect(afterReset.current.origin).toBe('original');
    await afterReset.unmount();
  });

  it("keeps each playground's edits apart", async () => {
    const one = await renderHook(({id}) => useStoredFiles(id, originals), {id: 'p1'});
    await act(async () => one.current.setFile('retry.ts', 'edited retry'));
    const two = await renderHook(({id}) => useStoredFiles(id, originals), {id: 'p2'});
    expect(two.current.files).toEqual(originals);
    await one.unmount();
    await two.unmount();
  });

  it("opens a share link for this playground over the reader's own edits", async () => {
    const mine = await renderHook(({id}) => useStoredFiles(id, originals), {id: 'p1'});
    await act(async () => mine.current.setFile('main.ts', 'my edit'));
    await mine.unmount();
    window.location.hash = shareHash({id: 'p1', files: {'main.ts': 'shared main'}});

    const opened = await renderHook(({id}) => useStoredFiles(id, originals), {id: 'p1'});
    expect(opened.current.origin).toBe('shared');
    expect(opened.current.files['main.ts']).toBe('shared main');
    await opened.unmount();
  });
});
