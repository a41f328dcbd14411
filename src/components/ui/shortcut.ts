/**
 * The send/cancel keys every request widget shares: Ctrl+Enter (⌘+Enter on
 * Apple platforms, where Ctrl+Enter means something else to the system) sends,
 * Escape cancels what is in flight.
 */
export type ShortcutAction = 'send' | 'cancel';

interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
}

export function shortcutAction(event: KeyLike, busy: boolean): ShortcutAction | undefined {
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) return 'send';
  if (event.key === 'Escape' && busy) return 'cancel';
  return undefined;
}

export function isMac(platform: string): boolean {
  return /Mac|iPhone|iPad/.test(platform);
}

/** `⌘+Enter` or `Ctrl+Enter`, as a hint next to a Send or Run button. */
export function sendShortcutLabel(platform: string): string {
  return isMac(platform) ? '⌘+Enter' : 'Ctrl+Enter';
}

/** The editor's switch for what Tab does: Monaco's own binding for its tab-focus mode. */
export function tabFocusShortcutLabel(platform: string): string {
  return isMac(platform) ? 'Ctrl+Shift+M' : 'Ctrl+M';
}
