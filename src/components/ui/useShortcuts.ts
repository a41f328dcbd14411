import type React from 'react';
import {useEffect, useState} from 'react';
import {sendShortcutLabel, shortcutAction} from './shortcut';

/**
 * The reader's platform, for shortcut labels. The server renders the
 * non-Apple labels ('') and the browser corrects them after hydration, so
 * the two never disagree.
 */
export function usePlatform(): string {
  const [platform, setPlatform] = useState('');
  useEffect(() => setPlatform(navigator.platform), []);
  return platform;
}

/** The platform's send shortcut as a label. */
export function useShortcutLabel(): string {
  return sendShortcutLabel(usePlatform());
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
