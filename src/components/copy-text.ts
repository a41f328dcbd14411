import copyTextToClipboard from 'copy-text-to-clipboard';

/**
 * Puts text on the clipboard; false when the browser refused. In a workshop
 * the guide is opened over plain http on a LAN address, where
 * `navigator.clipboard` does not exist (it needs a secure context), so the
 * fallback is a selected textarea and `execCommand('copy')` — what
 * Docusaurus's own code-block button does.
 */
export async function copyText(text: string): Promise<boolean> {
  if (window.isSecureContext && navigator.clipboard) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      // Permission refused: the textarea route below may still work.
    }
  }
  return copyTextToClipboard(text);
}
