import {lazy, Suspense, useEffect, useState} from 'react';
import {
  DEFAULT_ROOM,
  describeScenario,
  OUTCOMES,
  type RoomAggregate,
  type RoomState,
  roomCode,
} from '@site/src/contract/room';
import {isLoopbackHost} from '../requests/failures';
import {useDashboardFeed} from './dashboard-stream';
import ScenarioControls from './ScenarioControls';
import styles from './styles.module.css';

// recharts is the heaviest part of this page; the controls work before it arrives.
const DashboardCharts = lazy(() => import('./DashboardCharts'));

const clockTime = (epochMs: number) =>
  new Date(epochMs).toLocaleTimeString(undefined, {hour: '2-digit', minute: '2-digit', second: '2-digit'});

function readLocation(): {key: string; room: string} {
  const query = new URLSearchParams(window.location.search);
  return {key: query.get('key') ?? '', room: roomCode(query.get('room')) ?? DEFAULT_ROOM};
}

/** The facilitator's page: switch the room's scenario, project its live dashboard. */
export default function Facilitator() {
  const [{key, room}, setLocation] = useState(readLocation);
  const [roomDraft, setRoomDraft] = useState(room);
  const feed = useDashboardFeed(room, key);
  const [switched, setSwitched] = useState<RoomState>();
  useEffect(() => setSwitched(undefined), [room]);
  // The switch's own answer shows at once; the stream confirms it.
  const state =
    feed.state && switched && switched.startedAt > feed.state.startedAt ? switched : (feed.state ?? switched);

  const goToRoom = (code: string) => {
    const url = new URL(window.location.href);
    url.searchParams.set('room', code);
    window.history.replaceState(null, '', url);
    setLocation({key, room: code});
  };
  const participantUrl = `${window.location.origin}/${room === DEFAULT_ROOM ? '' : `?room=${room}`}`;

  if (!key) {
    return (
      <p className={styles.problem} role="alert">
        This page needs the facilitator key: open the facilitator URL the server printed when it started (it ends in
        ?key=…).
      </p>
    );
  }
  return (
    <div className={styles.page}>
      <header className={styles.header}>
        <div>
          <h1>
            Room <span data-testid="room-code">{room}</span>
          </h1>
          <p className={styles.join}>
            Participants open <code>{participantUrl}</code>
          </p>
          {isLoopbackHost(window.location.hostname) && (
            <p className={styles.loopbackHint} data-testid="loopback-hint">
              That address works on this laptop only: open this page at the network address the server printed (npm run
              workshop prints it, with a QR code) so the room sees one it can reach.
            </p>
          )}
        </div>
        <form
          className={styles.roomForm}
          onSubmit={(event) => {
            event.preventDefault();
            const code = roomCode(roomDraft);
            if (code) goToRoom(code);
          }}
        >
          <label className={styles.field}>
            Room code
            <input
              value={roomDraft}
              onChange={(event) => setRoomDraft(event.target.value)}
              pattern="[a-zA-Z0-9][a-zA-Z0-9\-]{0,19}"
              title="1-20 letters, digits or dashes"
              maxLength={20}
            />
          </label>
          <button type="submit" className="button button--secondary">
            Open room
          </button>
        </form>
      </header>
      {feed.problem && (
        <p className={styles.problem} role="alert" data-testid="dashboard-problem">
          {feed.problem}
        </p>
      )}
      <CurrentScenario state={state} />
      <ScenarioControls room={room} facilitatorKey={key} active={state?.scenario.kind} onSwitched={setSwitched} />
      {feed.aggregate && <Dashboard aggregate={feed.aggregate} />}
    </div>
  );
}

function CurrentScenario({state}: {state?: RoomState}) {
  const [, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((tick) => tick + 1), 1000);
    return () => clearInterval(timer);
  }, []);
  if (!state) return null;
  // Read at each render: a clock kept from the last tick counts a new outage up to a second long.
  const left = state.endsAt === undefined ? undefined : Math.max(0, Math.ceil((state.endsAt - Date.now()) / 1000));
  return (
    <p className={styles.current} data-testid="current-scenario" data-scenario={state.scenario.kind} role="status">
      <strong>{describeScenario(state.scenario)}</strong> since {clockTime(state.startedAt)}
      {left !== undefined && <span> · {left} s left</span>}
      {state.recoveredAt !== undefined && <span> · last recovery {clockTime(state.recoveredAt)}</span>}
    </p>
  );
}

function Dashboard({aggregate}: {aggregate: RoomAggregate}) {
  // The last complete second: the current one is still filling.
  const lastSecond = aggregate.perSecond.at(-2);
  const lastMinute = aggregate.perSecond.reduce(
    (sum, bin) => ({first: sum.first + bin.first, retries: sum.retries + bin.retries}),
    {first: 0, retries: 0},
  );
  const {totals} = aggregate;
  // The totals run from the facilitator's last switch, through an outage that ended by itself: a clock
  // time says which switch, where "since the switch" could read as "since the recovery".
  const since = `since ${clockTime(totals.since)}`;
  return (
    <section aria-labelledby="dashboard-heading" data-testid="dashboard">
      <h2 id="dashboard-heading">Live</h2>
      <dl className={styles.stats}>
        <Stat label="participants" value={aggregate.participants} testId="participants" />
        <Stat
          label="calls in the last second"
          value={lastSecond ? lastSecond.first + lastSecond.retries : 0}
          testId="calls-per-second"
        />
        <Stat label="calls, last minute" value={lastMinute.first + lastMinute.retries} testId="minute-calls" />
        <Stat label="of them retries" value={lastMinute.retries} testId="minute-retries" />
        <Stat label={`calls ${since}`} value={totals.calls} testId="total-calls" />
        <Stat label={`failed ${since}`} value={totals.calls - totals.outcomes.ok} testId="total-failed" />
      </dl>
      <p className={styles.breakdown} data-testid="outcome-totals">
        {OUTCOMES.filter((outcome) => totals.outcomes[outcome] > 0)
          .map((outcome) => `${outcome}: ${totals.outcomes[outcome]}`)
          .join(' · ') || `No calls yet ${since}.`}
      </p>
      <Suspense fallback={<p>Loading charts…</p>}>
        <DashboardCharts aggregate={aggregate} />
      </Suspense>
    </section>
  );
}

function Stat({label, value, testId}: {label: string; value: number; testId: string}) {
  return (
    <div className={styles.stat}>
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </div>
  );
}
