import {describe, expect, it} from 'vitest';
import {isMac, sendShortcutLabel, shortcutAction, tabFocusShortcutLabel} from './shortcut';

const key = (key: string, modifiers: {ctrlKey?: boolean; metaKey?: boolean} = {}) => ({
  key,
  ctrlKey: false,
  metaKey: false,
  ...modifiers,
});

describe('send/cancel shortcut', () => {
  it('sends on Ctrl+Enter and on ⌘+Enter, never on a bare Enter (a newline in a text area)', () => {
    expect(shortcutAction(key('Enter', {ctrlKey: true}), false)).toBe('send');
    expect(shortcutAction(key('Enter', {metaKey: true}), true)).toBe('send');
    expect(shortcutAction(key('Enter'), false)).toBeUndefined();
  });

  it('cancels on Escape only while something is in flight, so Escape stays free otherwise', () => {
    expect(shortcutAction(key('Escape'), true)).toBe('cancel');
    expect(shortcutAction(key('Escape'), false)).toBeUndefined();
  });

  it('names the key the reader’s platform uses', () => {
    expect(isMac('MacIntel')).toBe(true);
    expect(isMac('iPhone')).toBe(true);
    expect(isMac('Linux x86_64')).toBe(false);
    expect(sendShortcutLabel('MacIntel')).toBe('⌘+Enter');
    expect(sendShortcutLabel('Win32')).toBe('Ctrl+Enter');
    expect(tabFocusShortcutLabel('MacIntel')).toBe('Ctrl+Shift+M');
    expect(tabFocusShortcutLabel('Linux x86_64')).toBe('Ctrl+M');
  });
});
