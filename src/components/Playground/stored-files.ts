import {readShareHash} from './share-link';

export type Files = Record<string, string>;
export type Origin = 'original' | 'restored' | 'shared';
export type EditStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export const storageKey = (id: string) => `beamline-playground:${id}`;

/** The originals with the edits that name one of them; anything else in the edits is ignored. */
export function mergeEdits(originals: Files, edits: Files): Files {
  const merged = {...originals};
  for (const name of Object.keys(originals)) if (typeof edits[name] === 'string') merged[name] = edits[name];
  return merged;
}

/** The files that differ from the page's originals: what is saved and shared. */
export function editsOf(originals: Files, files: Files): Files {
  return Object.fromEntries(Object.entries(files).filter(([name, text]) => originals[name] !== text));
}

/**
 * What a playground opens with: a share link for this playground first (it is
 * loaded, never run), then the reader's saved edits, then the originals.
 */
export function openingFiles(
  id: string,
  originals: Files,
  hash: string,
  store: EditStore,
): {files: Files; origin: Origin} {
  const shared = readShareHash(hash);
  if (shared?.id === id) return {files: mergeEdits(originals, shared.files), origin: 'shared'};
  try {
    const saved = store.getItem(storageKey(id));
    if (saved) return {files: mergeEdits(originals, JSON.parse(saved) as Files), origin: 'restored'};
  } catch {
    // Storage may be disabled or hold something unreadable; start clean.
  }
  return {files: originals, origin: 'original'};
}

/** Saves the edits, or forgets them when there are none left. */
export function saveEdits(store: EditStore, id: string, originals: Files, files: Files): void {
  const edits = editsOf(originals, files);
  try {
    if (Object.keys(edits).length) store.setItem(storageKey(id), JSON.stringify(edits));
    else store.removeItem(storageKey(id));
  } catch {
    // Nothing to save to (private mode, quota); editing still works.
  }
}
