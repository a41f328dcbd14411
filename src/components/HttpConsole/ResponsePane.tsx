import type React from 'react';
import Spinner from '@site/src/components/Spinner';
import Announcer from '@site/src/components/ui/Announcer';
import StatusBadge, {httpTone} from '@site/src/components/ui/StatusBadge';
import {announcement, summarize, type ExchangeState} from './exchange-state';
import {formatBody, formatBytes} from './http-text';
import styles from './styles.module.css';

interface Props {
  exchange: ExchangeState;
  compact: boolean;
  shortcut: string;
  /** The "Copy as curl" control, which sits on the status line. */
  copy?: React.ReactNode;
}

function PhaseLine({exchange}: {exchange: ExchangeState}) {
  if (exchange.phase === 'sending')
    return (
      <span className={styles.phase}>
        <Spinner /> Sending{exchange.progress ? `: ${exchange.progress}` : '…'}
      </span>
    );
  if (exchange.phase === 'streaming')
    return (
      <span className={styles.phase}>
        <Spinner /> Streaming · {formatBytes(exchange.result?.bytes ?? 0)} so far
      </span>
    );
  return null;
}

/**
 * Status, timing, headers and body of the last send. Only the one-line
 * summary is announced; the body and headers are there to be read on demand.
 */
export default function ResponsePane({exchange, compact, shortcut, copy}: Props) {
  const {phase, result, message} = exchange;
  return (
    <div className={styles.response} data-testid="http-console-response" data-phase={phase}>
      <Announcer message={announcement(exchange)} testId="http-console-announcement" />
      <div className={styles.statusLine}>
        {result ? (
          <>
            <StatusBadge tone={httpTone(result.status)} testId="http-console-status">
              {result.status} {result.statusText}
            </StatusBadge>
            <span className={styles.timing} data-testid="http-console-timing">
              headers {Math.round(result.headersMs)} ms · total {Math.round(result.totalMs)} ms ·{' '}
              {formatBytes(result.bytes)}
            </span>
            {result.statuses.length > 1 && (
              <span className={styles.summary} data-testid="http-console-summary">
                {summarize(result.statuses)}
              </span>
            )}
          </>
        ) : (
          phase === 'idle' && (
            <span className={styles.placeholder}>Press Send ({shortcut}) to see the response here.</span>
          )
        )}
        <PhaseLine exchange={exchange} />
        {copy}
      </div>
      {message && (
        <p
          className={phase === 'failed' ? styles.error : styles.note}
          role={phase === 'failed' ? 'alert' : undefined}
          data-testid="http-console-error"
        >
          {message}
        </p>
      )}
      {result && (
        <div className={styles.responseParts}>
          <details className={styles.responseHeaders} open={!compact}>
            <summary>Response headers ({result.headers.length})</summary>
            <dl data-testid="http-console-response-headers">
              {result.headers.map(([name, value]) => (
                <div key={name} className={styles.headerRow} data-header={name}>
                  <dt>{name}</dt>
                  <dd>{value}</dd>
                </div>
              ))}
            </dl>
          </details>
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a body that scrolls must be reachable by keyboard (WCAG 2.1.1) */}
          <section className={styles.body} aria-label="Response body" tabIndex={0}>
            <pre data-testid="http-console-response-body">
              {result.truncated ? '… (earlier output dropped)\n' : ''}
              {formatBody(result.body, result.contentType) ||
                (phase === 'streaming' ? 'Waiting for events…' : '(empty body)')}
            </pre>
          </section>
        </div>
      )}
    </div>
  );
}
