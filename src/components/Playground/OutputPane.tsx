import {useEffect, useRef} from 'react';
import clsx from 'clsx';
import type {LogLine} from './useSnippetRun';
import styles from './styles.module.css';

interface Props {
  lines: LogLine[];
  onClear(): void;
  /** Opens the file an error line points at. */
  onShowError(file: string): void;
  emptyText: string;
}

/** The snippet's log, newest at the bottom, kept scrolled to the end while it grows. */
export default function OutputPane({lines, onClear, onShowError, emptyText}: Props) {
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => {
    const element = list.current;
    if (element) element.scrollTop = element.scrollHeight;
  }, [lines.length]);
  return (
    <section className={styles.output} aria-label="Output">
      <header className={styles.paneHeader}>
        <span>Output</span>
        <button type="button" className={styles.linkButton} onClick={onClear} disabled={lines.length === 0}>
          Clear
        </button>
      </header>
      <ol ref={list} className={styles.logList} data-testid="playground-output" aria-live="polite">
        {lines.length === 0 && <li className={styles.logEmpty}>{emptyText}</li>}
        {lines.map((line) => (
          <li key={line.id} className={clsx(styles.logLine, styles[`log_${line.level}`])} data-level={line.level}>
            <span className={styles.logTime}>{(line.t / 1000).toFixed(2)}s</span>
            {line.file ? (
              <button
                type="button"
                className={clsx(styles.logText, styles.logLink)}
                onClick={() => onShowError(line.file!)}
              >
                {line.text}
              </button>
            ) : (
              <span className={styles.logText}>{line.text}</span>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
