import {useCallback, useEffect, useState} from 'react';
import {editsOf, openingFiles, saveEdits, type Files, type Origin} from './stored-files';

export type {Files, Origin};

/**
 * The editor's files. Edits are kept in localStorage per playground so a
 * reload never loses them; a share link for this playground takes precedence
 * (it is loaded, never run). Reset returns to the page's originals.
 */
export function useStoredFiles(id: string, originals: Files) {
  const [files, setFiles] = useState(originals);
  const [origin, setOrigin] = useState<Origin>('original');

  useEffect(() => {
    const opening = openingFiles(id, originals, window.location.hash, localStorage);
    setFiles(opening.files);
    setOrigin(opening.origin);
  }, [id, originals]);

  const save = useCallback((next: Files) => saveEdits(localStorage, id, originals, next), [id, originals]);

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

  const edits = editsOf(originals, files);
  return {files, setFile, reset, origin, edited: Object.keys(edits).length > 0, edits};
}
