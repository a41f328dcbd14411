import type React from 'react';
import {useEffect, useState} from 'react';
import {sendShortcutLabel, shortcutAction} from './shortcut';

/**
 * The platform's send shortcut as a label. The server renders the non-Apple
 * label and the browser corrects it after hydration, so the two never disagree.
 */
export function useShortcutLabel(): string {
  const [label, setLabel] = useState(() => sendShortcutLabel(''));
  useEffect(() => setLabel(sendShortcutLabel(navigator.platform)), []);
  return label;
}

/** A keydown handler for a widget's root: Ctrl/⌘+Enter sends from any field in it, Escape cancels. */
export function useSendShortcut({send, cancel, busy}: {send(): void; cancel(): void; busy: boolean}) {
  return (event: React.KeyboardEvent) => {
    const action = shortcutAction(event, busy);
    if (!action) return;
    event.preventDefault();
    if (action === 'send') send();
    else cancel();
  };
}
