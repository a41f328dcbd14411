import type React from 'react';

/** Send, or Cancel while a request is in flight; `testId` names the pair (`…-send`, `…-cancel`). */
export default function SendCancelButton({
  busy,
  onSend,
  onCancel,
  disabled,
  shortcut,
  testId,
  children = '▶ Send',
}: {
  busy: boolean;
  onSend: () => void;
  onCancel: () => void;
  disabled: boolean;
  shortcut: string;
  testId: string;
  children?: React.ReactNode;
}) {
  return busy ? (
    <button
      type="button"
      className="button button--secondary button--sm"
      onClick={onCancel}
      data-testid={`${testId}-cancel`}
    >
      ■ Cancel
    </button>
  ) : (
    <button
      type="button"
      className="button button--primary button--sm"
      onClick={onSend}
      disabled={disabled}
      title={`Send (${shortcut})`}
      data-testid={`${testId}-send`}
    >
      {children}
    </button>
  );
}
