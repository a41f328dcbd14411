import type {editor} from './monaco-slim';

/**
 * Monaco's own dark theme draws comments #608B4E and regular expressions
 * #646695 on #1E1E1E: 4.2:1 and 3.1:1, below WCAG AA's 4.5:1 (axe finds them
 * in every dark playground). Its other TypeScript colours pass; these two get
 * the colours VS Code's Dark Modern theme uses. The light theme passes as it is.
 */
export const DARK_THEME = 'beamline-dark';
// Monaco's own name: a name it has no theme for falls back to 'vs' unseen, as 'light' did.
export const LIGHT_THEME: editor.BuiltinTheme = 'vs';
export const darkBackground = '#1e1e1e';

export const darkTheme: editor.IStandaloneThemeData = {
  base: 'vs-dark',
  inherit: true,
  rules: [
    {token: 'comment', foreground: '6a9955'},
    {token: 'regexp', foreground: 'd16969'},
  ],
  colors: {},
};
