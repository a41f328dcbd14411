import {themes, type PrismTheme} from 'prism-react-renderer';

/**
 * prism-react-renderer's github and dracula themes with the token colours
 * that fall below WCAG AA (4.5:1 on the block's background) replaced:
 * github's comments, strings, numbers, functions and at-rules (2.6–4.3:1) and
 * dracula's comments (3.0:1). Hues stay close to the originals.
 */
function withColours(base: PrismTheme, colours: Record<string, string>): PrismTheme {
  const styles = base.styles.map((entry) => {
    const replaced = entry.types.map((type) => colours[type]).find(Boolean);
    return replaced ? {...entry, style: {...entry.style, color: replaced}} : entry;
  });
  return {...base, styles};
}

export const lightCodeTheme = withColours(themes.github, {
  comment: '#5f6872',
  string: '#b3135c',
  number: '#0a6f6d',
  atrule: '#0a6d9e',
  function: '#c5283a',
});

export const darkCodeTheme = withColours(themes.dracula, {
  comment: '#8e9ccc',
});
