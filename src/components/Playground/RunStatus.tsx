import {useEffect, useState} from 'react';
import Spinner from '@site/src/components/Spinner';
import type {RunStatus as Status} from '@site/src/playground/runner';
import styles from './styles.module.css';

const labels: Record<Status, string> = {
  idle: 'Ready',
  running: 'Running',
  done: 'Finished',
  failed: 'Failed',
  stopped: 'Stopped',
  'timed-out': 'Timed out',
};

/** Status with a ticking clock while a run is in progress, so a slow run never looks stuck. */
export default function RunStatus({status, startedAt}: {status: Status; startedAt: number | null}) {
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    setNow(performance.now());
    if (status !== 'running') return;
    const timer = setInterval(() => setNow(performance.now()), 100);
    return () => clearInterval(timer);
  }, [status]);
  const seconds = startedAt === null ? null : ((now - startedAt) / 1000).toFixed(1);
  return (
    <span className={styles.status} data-status={status} data-testid="playground-status" role="status">
      {status === 'running' && <Spinner />}
      {labels[status]}
      {seconds !== null && status !== 'idle' && <span className={styles.elapsed}> · {seconds} s</span>}
    </span>
  );
}
