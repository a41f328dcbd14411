import {describe, expect, it} from 'vitest';
import {diagramKey, diagramSize} from './diagram-size';
import {mermaidBlocks} from './mermaid-blocks';

describe('diagram sizes', () => {
  it('has a measured size for every diagram in the guide (else: npx tsx scripts/measure-diagrams.ts)', () => {
    const blocks = mermaidBlocks();
    expect(blocks.map((page) => page.url)).toContain('/guide/architecture/');
    for (const {url, sources} of blocks)
      for (const source of sources) expect(diagramSize(source), `${url}: ${source.split('\n')[0]}`).toBeDefined();
  });

  it('keys a diagram by its text', () => {
    expect(diagramKey('flowchart LR\n  a --> b')).toMatch(/^[0-9a-f]{8}$/);
    expect(diagramKey('flowchart LR\n  a --> b')).not.toBe(diagramKey('flowchart LR\n  a --> c'));
  });
});
