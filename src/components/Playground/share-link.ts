import {compressToEncodedURIComponent, decompressFromEncodedURIComponent} from 'lz-string';

/** What a share link carries: which playground, and the files that differ from the page's. */
export interface SharedCode {
  id: string;
  files: Record<string, string>;
}

const prefix = '#share=';

export function shareHash(shared: SharedCode): string {
  return prefix + compressToEncodedURIComponent(JSON.stringify(shared));
}

/** Reads a share hash; anything malformed is ignored rather than trusted. */
export function readShareHash(hash: string): SharedCode | undefined {
  if (!hash.startsWith(prefix)) return undefined;
  try {
    const value: unknown = JSON.parse(decompressFromEncodedURIComponent(hash.slice(prefix.length)) ?? '');
    if (!value || typeof value !== 'object') return undefined;
    const {id, files} = value as Partial<SharedCode>;
    if (typeof id !== 'string' || !files || typeof files !== 'object') return undefined;
    const entries = Object.entries(files).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
    return {id, files: Object.fromEntries(entries)};
  } catch {
    return undefined;
  }
}
