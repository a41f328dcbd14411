import {useState} from 'react';
import {
  defaultScenarios,
  FACILITATOR_KEY_HEADER,
  type RoomState,
  roomPaths,
  type Scenario,
  type ScenarioKind,
  scenarioLimits,
} from '@site/src/contract/room';
import styles from './styles.module.css';

interface Props {
  room: string;
  facilitatorKey: string;
  active?: ScenarioKind;
  onSwitched(state: RoomState): void;
}

/** One card per scenario: its numbers and a button that switches the room to it. */
export default function ScenarioControls({room, facilitatorKey, active, onSwitched}: Props) {
  const [errorPercent, setErrorPercent] = useState(defaultScenarios.brownout.error * 100);
  const [latencyMs, setLatencyMs] = useState(defaultScenarios.brownout.latencyMs);
  const [seconds, setSeconds] = useState(defaultScenarios.outage.seconds);
  const [recoveryPerSecond, setRecoveryPerSecond] = useState('');
  const [perSecond, setPerSecond] = useState(defaultScenarios.capacity.perSecond);
  const [problem, setProblem] = useState<string>();

  const switchTo = async (scenario: Scenario) => {
    setProblem(undefined);
    try {
      const response = await fetch(roomPaths.scenario(room), {
        method: 'PUT',
        headers: {'content-type': 'application/json', [FACILITATOR_KEY_HEADER]: facilitatorKey},
        body: JSON.stringify(scenario),
      });
      const body = (await response.json()) as RoomState & {error?: string};
      if (!response.ok) setProblem(body.error ?? `the server answered ${response.status}`);
      else onSwitched(body);
    } catch {
      setProblem('the server cannot be reached');
    }
  };

  const card = (kind: ScenarioKind, title: string, scenario: () => Scenario, fields?: React.ReactNode) => (
    <form
      className={styles.card}
      data-active={active === kind}
      data-testid={`scenario-${kind}`}
      onSubmit={(event) => {
        event.preventDefault();
        void switchTo(scenario());
      }}
    >
      <h3>{title}</h3>
      {fields}
      <button type="submit" className="button button--primary button--lg">
        {active === kind ? 'Restart' : 'Switch to'} {kind}
      </button>
    </form>
  );
  const number = (
    label: string,
    value: number | string,
    set: (text: string) => void,
    min: number,
    max: number,
    placeholder?: string,
  ) => (
    <label className={styles.field}>
      {label}
      <input
        type="number"
        inputMode="numeric"
        min={min}
        max={max}
        value={value}
        placeholder={placeholder}
        onChange={(event) => set(event.target.value)}
      />
    </label>
  );

  return (
    <section aria-labelledby="scenario-heading">
      <h2 id="scenario-heading">Room scenario</h2>
      <p className={styles.precedence}>
        A scenario applies to every Router call of the room's participants (playgrounds and the HTTP API){' '}
        <strong>first</strong>: a call it fails never reaches the participant's own fault dial; a call it lets through
        then gets the dial's faults too, and latencies add up.
      </p>
      <div className={styles.cards}>
        {card(
          'calm',
          'Calm',
          () => ({kind: 'calm'}),
          <p>The Router behaves; only each participant's own dial applies.</p>,
        )}
        {card(
          'brownout',
          'Brownout',
          () => ({kind: 'brownout', error: errorPercent / 100, latencyMs}),
          <>
            {number('UNAVAILABLE (%)', errorPercent, (t) => setErrorPercent(Number(t)), 0, 100)}
            {number('Added latency (ms)', latencyMs, (t) => setLatencyMs(Number(t)), 0, scenarioLimits.maxLatencyMs)}
          </>,
        )}
        {card(
          'outage',
          'Outage',
          () =>
            recoveryPerSecond.trim() === ''
              ? {kind: 'outage', seconds}
              : {kind: 'outage', seconds, recoveryPerSecond: Number(recoveryPerSecond)},
          <>
            {number('Down for (s)', seconds, (t) => setSeconds(Number(t)), 1, scenarioLimits.maxOutageSeconds)}
            {number(
              'Then serve at most (calls/s)',
              recoveryPerSecond,
              setRecoveryPerSecond,
              1,
              scenarioLimits.maxPerSecond,
              'no limit',
            )}
          </>,
        )}
        {card(
          'capacity',
          'Shared capacity',
          () => ({kind: 'capacity', perSecond}),
          number(
            'Calls/s for the whole room',
            perSecond,
            (t) => setPerSecond(Number(t)),
            1,
            scenarioLimits.maxPerSecond,
          ),
        )}
      </div>
      {problem && (
        <p className={styles.problem} role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}
