import type React from 'react';
import styles from './styles.module.css';

export type Tone = 'ok' | 'warning' | 'danger';

const toneClass: Record<Tone, string> = {ok: styles.ok, warning: styles.warning, danger: styles.danger};

/** The outcome of a request in a coloured pill; the text says it all, the colour only repeats it. */
export default function StatusBadge({
  tone,
  children,
  testId,
}: {
  tone: Tone;
  children: React.ReactNode;
  testId?: string;
}) {
  return (
    <span className={`${styles.badge} ${toneClass[tone]}`} data-testid={testId}>
      {children}
    </span>
  );
}

/** 2xx ok, 4xx the caller's to fix, 5xx (and anything else) the server's. */
export function httpTone(status: number): Tone {
  if (status >= 200 && status < 400) return 'ok';
  if (status >= 400 && status < 500) return 'warning';
  return 'danger';
}
