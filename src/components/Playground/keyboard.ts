import {sendShortcutLabel, tabFocusShortcutLabel} from '@site/src/components/ui/shortcut';

/** The line that tells a keyboard user how to get in and out of the editor, in the platform's keys. */
export function editorHint(tabIndents: boolean, platform: string): string {
  const run = sendShortcutLabel(platform);
  const toggle = tabFocusShortcutLabel(platform);
  return tabIndents
    ? `${run} runs · Tab indents · ${toggle}: Tab leaves the editor`
    : `${run} runs · Tab leaves the editor · ${toggle}: Tab indents`;
}
