import styles from './styles.module.css';

/**
 * A screen-reader-only status line. A widget puts a one-sentence summary of
 * each change of state here (sent, answered 200 in 34 ms, cancelled) instead
 * of making its whole response pane live: bodies, headers and event streams
 * are read on demand, not recited.
 */
export default function Announcer({message, testId}: {message: string; testId?: string}) {
  return (
    <p className={styles.srOnly} role="status" data-testid={testId}>
      {message}
    </p>
  );
}
