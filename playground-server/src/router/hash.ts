/**
 * A stable hash of strings onto [0, 1): the same parts give the same number
 * on every run and every machine, which is what makes routing reproducible.
 *
 * FNV-1a (Fowler–Noll–Vo, 32 bit) over the UTF-16 code units, followed by
 * MurmurHash3's fmix32 finalizer so that ids differing only in their last
 * character still spread over the whole range.
 */
export function unitHash(...parts: readonly string[]): number {
  let hash = 0x811c9dc5;
  const text = parts.join('\u0000');
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return (hash >>> 0) / 0x1_0000_0000;
}
