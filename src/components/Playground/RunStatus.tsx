import {useLayoutEffect, useRef, useState} from 'react';
import Spinner, {turnSpinner} from '@site/src/components/Spinner';
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
  // When the status last changed (how long a run that is over took), taken in the render that brings
  // the change, so the status never shows another run's time.
  const [changed, setChanged] = useState(() => ({status, at: performance.now()}));
  if (changed.status !== status) setChanged({status, at: performance.now()});
  const seconds = startedAt === null ? null : since(startedAt, changed.at);
  const busy = status === 'running' || server === 'checking';
  const shown = server === 'unreachable' ? 'unreachable' : status;
  let state = busy ? labels.running : server === 'unreachable' ? 'Server unreachable' : labels[status];
  if (!busy && status !== 'idle' && seconds !== null) state += ` after ${seconds} s`;
  // The ticking clock is written straight into its element, not rendered: ten renders a second, each a
  // scheduler task and a commit, on the one core a flooding snippet leaves the page. Its ticks turn the
  // spinner too, in the frames they already make, where its own animation made the compositor draw at
  // every screen refresh (see Spinner).
  const clock = useRef<HTMLSpanElement>(null);
  const spinner = useRef<HTMLSpanElement>(null);
  const ticking = busy && startedAt !== null;
  const turning = ticking && status === 'running';
  useLayoutEffect(() => {
    const element = clock.current;
    if (!ticking || !element) return;
    const write = () => {
      const now = performance.now();
      element.textContent = `${since(startedAt, now)} s`;
      if (turning) turnSpinner(spinner.current, now - startedAt);
    };
    write();
    if (!turning) return;
    const timer = setInterval(write, 100);
    return () => clearInterval(timer);
  }, [ticking, turning, startedAt]);
  return (
    <span className={styles.status} data-status={shown} data-testid="playground-status">
      {busy && <Spinner ref={spinner} stepped={turning} />}
      <span role="status">{state}</span>
      {ticking && <span ref={clock} className={styles.elapsed} />}
    </span>
  );
}

const since = (startedAt: number, now: number) => ((now - startedAt) / 1000).toFixed(1);
