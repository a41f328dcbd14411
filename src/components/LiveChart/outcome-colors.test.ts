import {describe, expect, it} from 'vitest';
import {outcomeColor} from './outcome-colors';

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
