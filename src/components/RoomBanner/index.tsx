import {useEffect, useState} from 'react';
import clsx from 'clsx';
import {DEFAULT_ROOM, describeScenario} from '@site/src/contract/room';
import {useRoomState} from './room';
import styles from './styles.module.css';

const clockTime = (epochMs: number) =>
  new Date(epochMs).toLocaleTimeString(undefined, {hour: '2-digit', minute: '2-digit', second: '2-digit'});

/** Re-renders every second while `active`, for a countdown. */
function useSecondTick(active: boolean): void {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setTick((tick) => tick + 1), 1000);
    return () => clearInterval(timer);
  }, [active]);
}

/**
 * The workshop room's scenario above a playground, an HTTP console or the
 * request builder, updated live: shown in a named room (`?room=…`) always,
 * in the default room only while the facilitator has something other than
 * calm switched on.
 */
export default function RoomBanner() {
  const state = useRoomState();
  useSecondTick(state?.endsAt !== undefined);
  if (!state || (state.room === DEFAULT_ROOM && state.scenario.kind === 'calm')) return null;
  const {scenario} = state;
  // The clock is read at each render, not kept from the last tick: a clock kept from mount
  // showed a new 5 s outage as "7 s left" until its first tick.
  const left = state.endsAt === undefined ? undefined : Math.max(0, Math.ceil((state.endsAt - Date.now()) / 1000));
  const recovered = scenario.kind !== 'outage' && state.recoveredAt === state.startedAt;
  return (
    <div
      className={clsx(styles.banner, styles[scenario.kind])}
      role="status"
      data-testid="room-banner"
      data-scenario={scenario.kind}
    >
      <div className={styles.headline}>
        <span className={styles.room}>Room {state.room}</span>
        <strong>{describeScenario(scenario)}</strong>
        <span>
          {recovered ? 'recovered at' : 'since'} {clockTime(state.startedAt)}
          {left !== undefined && ` · ${left} s left`}
        </span>
      </div>
      <div className={styles.precedence}>
        The room's scenario applies to your Router calls first; your own fault dial adds to the calls it lets through.
      </div>
    </div>
  );
}
