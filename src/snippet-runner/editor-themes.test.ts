import {describe, expect, it} from 'vitest';
import {darkBackground, darkTheme} from './editor-themes';

function luminance(hex: string): number {
  const [r, g, b] = [0, 2, 4].map((i) => Number.parseInt(hex.replace('#', '').slice(i, i + 2), 16) / 255);
  const linear = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * linear(r!) + 0.7152 * linear(g!) + 0.0722 * linear(b!);
}

const contrast = (a: string, b: string) => {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
};

describe('the editor’s dark theme', () => {
  it('replaces the two vs-dark colours that fail WCAG AA (4.2:1 and 3.1:1)', () => {
    expect(contrast('#608b4e', darkBackground)).toBeLessThan(4.5);
    expect(contrast('#646695', darkBackground)).toBeLessThan(4.5);
    expect(darkTheme.rules.map((rule) => rule.token).sort()).toEqual(['comment', 'regexp']);
  });

  it.each(darkTheme.rules)('draws $token at 4.5:1 or more', ({foreground}) => {
    expect(contrast(`#${foreground}`, darkBackground)).toBeGreaterThanOrEqual(4.5);
  });
});
