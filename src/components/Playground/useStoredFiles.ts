import {useCallback, useEffect, useState} from 'react';
import {readShareHash} from './share-link';

export type Files = Record<string, string>;
export type Origin = 'original' | 'restored' | 'shared';

function merge(originals: Files, edits: Files): Files {
  const merged = {...originals};
  for (const name of Object.keys(originals)) if (typeof edits[name] === 'string') merged[name] = edits[name];
  return merged;
}

/**
 * The editor's files. Edits are kept in localStorage per playground so a
 * reload never loses them; a share link for this playground takes precedence
 * (it is loaded, never run). Reset returns to the page's originals.
 */
export function useStoredFiles(id: string, originals: Files) {
  const key = `beamline-playground:${id}`;
  const [files, setFiles] = useState(originals);
  const [origin, setOrigin] = useState<Origin>('original');

  useEffect(() => {
    const shared = readShareHash(window.location.hash);
    if (shared?.id === id) {
      setFiles(merge(originals, shared.files));
      setOrigin('shared');
      return;
    }
    try {
      const saved = localStorage.getItem(key);
      if (saved) {
        setFiles(merge(originals, JSON.parse(saved) as Files));
        setOrigin('restored');
      }
    } catch {
      // Storage may be disabled or hold something unreadable; start clean.
    }
  }, [id, key, originals]);

  const save = useCallback(
    (next: Files) => {
      const edits = Object.fromEntries(Object.entries(next).filter(([name, text]) => originals[name] !== text));
      try {
        if (Object.keys(edits).length) localStorage.setItem(key, JSON.stringify(edits));
        else localStorage.removeItem(key);
      } catch {
        // Nothing to save to (private mode); editing still works.
      }
    },
    [key, originals],
  );

  const setFile = useCallback(
    (name: string, text: string) =>
      setFiles((previous) => {
        const next = {...previous, [name]: text};
        save(next);
        return next;
      }),
    [save],
  );

  const reset = useCallback(() => {
    setFiles(originals);
    save(originals);
    setOrigin('original');
  }, [originals, save]);

  const edited = Object.keys(originals).some((name) => files[name] !== originals[name]);
  const edits = Object.fromEntries(Object.entries(files).filter(([name, text]) => originals[name] !== text));
  return {files, setFile, reset, origin, edited, edits};
}
