import {describe, expect, it} from 'vitest';
import {themes} from 'prism-react-renderer';
import {contrastRatio} from './contrast';
import {darkCodeTheme, lightCodeTheme} from './prism-themes';

function failing(theme: typeof lightCodeTheme): string[] {
  const background = theme.plain.backgroundColor!;
  return [{types: ['plain'], style: theme.plain}, ...theme.styles]
    .filter((entry) => entry.style.color)
    .map((entry) => [entry.types.join('/'), contrastRatio(entry.style.color!, background)] as const)
    .filter(([, ratio]) => ratio < 4.5)
    .map(([types, ratio]) => `${types} ${ratio.toFixed(2)}:1`);
}

describe('code block themes', () => {
  it('every token colour reaches WCAG AA (4.5:1) on its background, light and dark', () => {
    expect(failing(lightCodeTheme)).toEqual([]);
    expect(failing(darkCodeTheme)).toEqual([]);
  });

  it('the originals did not: the check can tell', () => {
    expect(failing(themes.github)).toEqual(expect.arrayContaining([expect.stringMatching(/^comment/)]));
    expect(failing(themes.dracula)).toEqual([expect.stringMatching(/^comment 3\.0/)]);
  });
});

describe('contrastRatio', () => {
  it('matches WCAG’s extremes and a known pair', () => {
    expect(contrastRatio('#000', '#fff')).toBeCloseTo(21);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
    expect(contrastRatio('rgb(255, 255, 255)', '#ffffff')).toBe(1);
  });
});
