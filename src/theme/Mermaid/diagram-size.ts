import {diagramSizes} from './diagram-sizes';

export interface DiagramSize {
  /** The svg's viewBox: Mermaid draws it at this width at most, and scales it down to fit. */
  width: number;
  height: number;
}

/** FNV-1a of a diagram's source: the key of its measured size, the same in Node and the browser. */
export function diagramKey(source: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < source.length; i++) {
    hash ^= source.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/** The size this diagram's svg was measured at (scripts/measure-diagrams.ts), if it was. */
export function diagramSize(source: string): DiagramSize | undefined {
  return diagramSizes[diagramKey(source.trim())];
}
