import {describe, expect, it} from 'vitest';
import {outsidePackages} from './lazy-libraries';

describe('outsidePackages', () => {
  const test = outsidePackages(['@mermaid-js/parser', 'uuid', 'd3-array']);
  it('rejects modules of the listed packages, scoped, nested or on Windows', () => {
    expect(test.test('/site/node_modules/@mermaid-js/parser/dist/chunk.mjs')).toBe(false);
    expect(test.test('/site/node_modules/mermaid/node_modules/uuid/dist/v4.js')).toBe(false);
    expect(test.test('C:\\site\\node_modules\\d3-array\\src\\max.js')).toBe(false);
  });
  it('accepts everything else, including packages whose names only start alike', () => {
    expect(test.test('/site/src/components/Playground/index.tsx')).toBe(true);
    expect(test.test('/site/node_modules/d3-array-extra/index.js')).toBe(true);
    expect(test.test('/site/node_modules/react/index.js')).toBe(true);
  });
});
