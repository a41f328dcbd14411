import {memo, useCallback, useEffect, useRef, useState} from 'react';
import clsx from 'clsx';
import {rowsToRender, type LogLine} from './run-output';
import styles from './styles.module.css';

interface Props {
  lines: LogLine[];
  /** Older lines let go to keep the pane bounded (see run-output). */
  dropped: number;
  onClear(): void;
  /** Opens the file an error line points at. */
  onShowError(file: string): void;
  emptyText: string;
}

// A line never changes once written: an update re-renders only the rows whose line is new.
const Row = memo(function Row({
  line,
  onShowError,
  observe,
}: {
  line: LogLine;
  onShowError(file: string): void;
  observe(row: HTMLLIElement): () => void;
}) {
  return (
    <li ref={observe} className={clsx(styles.logLine, styles[`log_${line.level}`])} data-level={line.level}>
      <span className={styles.logTime}>{(line.t / 1000).toFixed(2)}s</span>
      {line.file ? (
        <button type="button" className={clsx(styles.logText, styles.logLink)} onClick={() => onShowError(line.file!)}>
          {line.text}
        </button>
      ) : (
        <span className={styles.logText}>{line.text}</span>
      )}
    </li>
  );
});

/**
 * The snippet's log, newest at the bottom, kept scrolled to the end while it
 * grows — unless the reader has scrolled up, until they scroll back down.
 * Once it scrolls it is a tab stop, so a keyboard can scroll it too. It
 * is not a live region: a chatty snippet would drown a screen reader; the run
 * status announces how the run ended instead. During a flood it holds only
 * the newest rows (see rowsToRender); "Show all" brings back the rest of
 * what is kept.
 */
export default function OutputPane({lines, dropped, onClear, onShowError, emptyText}: Props) {
  const list = useRef<HTMLOListElement>(null);
  const [scrolls, setScrolls] = useState(false);
  const [showAll, setShowAll] = useState(false);
  // A new run (or Clear) starts with only the newest rows again.
  if (showAll && lines.length === 0) setShowAll(false);
  const rows = rowsToRender(lines, dropped, showAll);
  const hidden = lines.length - rows.length;
  // Follows the newest line: from the start of a run, and while the reader is at the end.
  const pinned = useRef(true);
  if (lines.length === 0) pinned.current = true;
  // Each row reports its size once laid out (a new row, a line that now wraps), and the list then
  // follows its end. Read there, after the frame's own layout, the list's scroll size costs nothing;
  // read after each update (four a second in a flood) it forced a layout of the page of its own.
  const [rowSizes] = useState(() =>
    typeof ResizeObserver === 'undefined'
      ? null
      : new ResizeObserver(() => {
          const element = list.current;
          if (!element) return;
          if (pinned.current) element.scrollTop = element.scrollHeight;
          setScrolls(element.scrollHeight > element.clientHeight);
        }),
  );
  useEffect(() => () => rowSizes?.disconnect(), [rowSizes]);
  const observe = useCallback(
    (row: HTMLLIElement) => {
      rowSizes?.observe(row);
      return () => rowSizes?.unobserve(row);
    },
    [rowSizes],
  );
  return (
    <section className={styles.output} aria-label="Output">
      <header className={styles.paneHeader}>
        <span>
          Output
          {dropped > 0 && (
            <span className={styles.dropped} data-testid="playground-dropped">
              {' '}
              · {dropped.toLocaleString('en')} earlier lines not shown
            </span>
          )}
          {hidden > 0 && (
            <span className={styles.dropped}>
              {' '}
              · {hidden.toLocaleString('en')} more kept{' '}
              <button
                type="button"
                className={styles.linkButton}
                data-testid="playground-show-all"
                onClick={() => setShowAll(true)}
              >
                Show all
              </button>
            </span>
          )}
        </span>
        <button type="button" className={styles.linkButton} onClick={onClear} disabled={lines.length === 0}>
          Clear
        </button>
      </header>
      <ol
        ref={list}
        className={styles.logList}
        data-testid="playground-output"
        aria-label="Output log"
        tabIndex={scrolls && lines.length > 0 ? 0 : undefined}
        onScroll={(event) => {
          const element = event.currentTarget;
          // Within a row of the end counts as at the end.
          pinned.current = element.scrollTop + element.clientHeight >= element.scrollHeight - 20;
        }}
      >
        {lines.length === 0 && <li className={styles.logEmpty}>{emptyText}</li>}
        {rows.map((line, index) => (
          // While rows are held back, each update brings mostly new lines: written into the rows
          // already there (keyed by place) they cost a text change each, not a new element to style.
          <Row key={hidden > 0 ? index : line.id} line={line} onShowError={onShowError} observe={observe} />
        ))}
      </ol>
    </section>
  );
}
