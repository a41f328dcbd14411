import {useEffect, useState} from 'react';
import Spinner from '@site/src/components/Spinner';
import type {RunStatus as Status} from '@site/src/snippet-runner/runner';
import type {ServerCheck} from './useServerCheck';
import styles from './styles.module.css';

const labels: Record<Status, string> = {
  idle: 'Ready',
  running: 'Running',
  done: 'Finished',
  failed: 'Failed',
  stopped: 'Stopped',
  'timed-out': 'Timed out',
};

/**
 * Status with a ticking clock while a run is in progress, so a slow run never
 * looks stuck. Only the state is a live region — "Running", then how the run
 * ended and how long it took — so a screen reader hears each change of state
 * once, not every tick of the clock. A run that ended while the server did
 * not answer is never reported as finished.
 */
export default function RunStatus({
  status,
  startedAt,
  server,
}: {
  status: Status;
  startedAt: number | null;
  server: ServerCheck;
}) {
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    setNow(performance.now());
    if (status !== 'running') return;
    const timer = setInterval(() => setNow(performance.now()), 100);
    return () => clearInterval(timer);
  }, [status]);
  const seconds = startedAt === null ? null : ((now - startedAt) / 1000).toFixed(1);
  const busy = status === 'running' || server === 'checking';
  const shown = server === 'unreachable' ? 'unreachable' : status;
  let state = busy ? labels.running : server === 'unreachable' ? 'Server unreachable' : labels[status];
  if (!busy && status !== 'idle' && seconds !== null) state += ` after ${seconds} s`;
  return (
    <span className={styles.status} data-status={shown} data-testid="playground-status">
      {busy && <Spinner />}
      <span role="status">{state}</span>
      {busy && seconds !== null && <span className={styles.elapsed}>{seconds} s</span>}
    </span>
  );
}
