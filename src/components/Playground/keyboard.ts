export const isMac = () => typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** Run from anywhere in the playground. */
export const runShortcut = () => (isMac() ? '⌘+Enter' : 'Ctrl+Enter');

/** Switches what Tab does in the editor; Monaco's own binding for its tab-focus mode. */
export const tabShortcut = () => (isMac() ? 'Ctrl+Shift+M' : 'Ctrl+M');

/** The line that tells a keyboard user how to get in and out of the editor. */
export function editorHint(tabIndents: boolean): string {
  return tabIndents
    ? `${runShortcut()} runs · Tab indents · ${tabShortcut()}: Tab leaves the editor`
    : `${runShortcut()} runs · Tab leaves the editor · ${tabShortcut()}: Tab indents`;
}
