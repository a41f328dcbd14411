import {describe, expect, it} from 'vitest';
import {outcomeColor, outcomeShape} from './outcome-colors';

// Outcomes a page's chart sets side by side must not share the grey fallback, or the reader cannot tell them apart.
const sideBySide = [
  ['ok', 'unavailable', 'resource_exhausted', 'deadline_exceeded', 'rejected'],
  ['plain', 'hedged'],
  ['router', 'fresh-cache', 'stale-cache', 'default'],
  ['without key', 'with key'],
];

describe('outcome colours', () => {
  it.each(sideBySide)('gives each outcome charted together its own colour: %s…', (...outcomes) => {
    const colours = outcomes.map(outcomeColor);
    expect(colours).not.toContain('#999999');
    expect(new Set(colours).size).toBe(outcomes.length);
  });
});

describe('outcome shapes', () => {
  it('tells the status outcomes apart without colour', () => {
    const shapes = sideBySide[0]!.map(outcomeShape);
    expect(new Set(shapes).size).toBe(shapes.length);
  });

  it('draws ok as a circle and unavailable as a cross, as the retry page says', () => {
    expect([outcomeShape('ok'), outcomeShape('unavailable')]).toEqual(['circle', 'cross']);
  });
});
