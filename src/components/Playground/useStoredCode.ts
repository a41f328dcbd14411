import {useCallback, useEffect, useState} from 'react';

/**
 * The editor's text, kept in localStorage per playground so a reload or a
 * misclick never loses the reader's edits. Reset returns to the original.
 */
export function useStoredCode(id: string, original: string) {
  const key = `beamline-playground:${id}`;
  const [code, setCode] = useState(original);
  const [restored, setRestored] = useState(false);

  useEffect(() => {
    try {
      const saved = localStorage.getItem(key);
      if (saved !== null && saved !== original) {
        setCode(saved);
        setRestored(true);
      }
    } catch {
      // Storage can be disabled (private mode); editing still works.
    }
  }, [key, original]);

  const update = useCallback(
    (next: string) => {
      setCode(next);
      try {
        if (next === original) localStorage.removeItem(key);
        else localStorage.setItem(key, next);
      } catch {
        // As above: nothing to save to.
      }
    },
    [key, original],
  );

  const reset = useCallback(() => {
    update(original);
    setRestored(false);
  }, [original, update]);

  return {code, setCode: update, reset, restored};
}
