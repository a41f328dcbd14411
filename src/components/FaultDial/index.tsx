import type React from 'react';
import {useId} from 'react';
import Slider from '@site/src/components/ui/Slider';
import {FAULT_HEADER, faultCodes, faultSpec, type FaultSettings} from '@site/src/contract';
import styles from './styles.module.css';

export type Knob = 'error' | 'code' | 'latency' | 'jitter' | 'rate';

interface Props {
  value: FaultSettings;
  onChange(next: FaultSettings): void;
  /** Prefix of the data-testids (`<prefix>-fault-error`…), so two dials on a page stay distinct. */
  testIdPrefix: string;
  /** The knobs shown, in this order; the others keep their value (none, by default). */
  knobs?: readonly Knob[];
  legend?: string;
  /** `boxed` sits among a form's fields; `strip` spans a panel's width, above an editor. */
  variant?: 'boxed' | 'strip';
  /**
   * The spec a running snippet's calls carry right now (null: none), when the
   * page runs one; a snippet's own fault() can set it apart from the dial.
   */
  inForce?: string | null;
}

const percent = (share: number) => `${Math.round(share * 100)} %`;
const ms = (value: number) => `${value} ms`;

/**
 * The one fault dial of the site: error rate, code, latency, jitter and a
 * server-side rate limit for this reader's calls only — the server reads them
 * from the `x-beamline-fault` header the dial's settings become.
 */
export default function FaultDial({
  value,
  onChange,
  testIdPrefix,
  knobs = ['error', 'code', 'latency'],
  legend = 'Fault dial',
  variant = 'boxed',
  inForce,
}: Props) {
  const codeId = useId();
  const set = (patch: Partial<FaultSettings>) => onChange({...value, ...patch});
  const spec = faultSpec(value);
  const testId = (knob: string) => `${testIdPrefix}-fault-${knob}`;
  const controls: Record<Knob, React.ReactNode> = {
    error: (
      <Slider
        label="Error rate"
        value={Math.round(value.error * 100)}
        min={0}
        max={100}
        step={5}
        format={(v) => percent(v / 100)}
        onChange={(v) => set({error: v / 100})}
        testId={testId('error')}
      />
    ),
    code: (
      <div className={styles.code}>
        <label htmlFor={codeId}>Failing calls get</label>
        <select
          id={codeId}
          value={value.code}
          onChange={(event) => set({code: event.target.value})}
          data-testid={testId('code')}
        >
          {faultCodes.map((code) => (
            <option key={code} value={code}>
              {code}
            </option>
          ))}
        </select>
      </div>
    ),
    latency: (
      <Slider
        label="Latency"
        value={value.latencyMs}
        min={0}
        max={3000}
        step={10}
        format={ms}
        onChange={(latencyMs) => set({latencyMs})}
        testId={testId('latency')}
      />
    ),
    jitter: (
      <Slider
        label="Jitter"
        value={value.jitterMs}
        min={0}
        max={1000}
        step={10}
        format={(v) => `+0–${v} ms`}
        onChange={(jitterMs) => set({jitterMs})}
        testId={testId('jitter')}
      />
    ),
    rate: (
      <Slider
        label="Server rate limit"
        value={value.ratePerSecond}
        min={0}
        max={50}
        step={1}
        format={(v) => (v === 0 ? 'off' : `${v} per second`)}
        onChange={(ratePerSecond) => set({ratePerSecond})}
        testId={testId('rate')}
      />
    ),
  };
  return (
    <fieldset className={styles[variant]} data-testid={`${testIdPrefix}-fault`}>
      <legend>{legend}</legend>
      <div className={styles.controls}>
        {knobs.map((knob) => (
          <div key={knob} className={styles.knob}>
            {controls[knob]}
          </div>
        ))}
      </div>
      <p className={styles.header} data-testid={testId('header')}>
        {spec ? (
          <>
            Adds <code>{`${FAULT_HEADER}: ${spec}`}</code> — only your requests are affected.
          </>
        ) : (
          'No faults: the server answers normally.'
        )}
      </p>
      <p className={styles.inForce} aria-live="polite" data-testid={testId('in-force')}>
        {inForce !== undefined && inForce !== (spec ?? null) && (
          <>
            <strong>In force now:</strong>{' '}
            {inForce ? (
              <>
                <code>{`${FAULT_HEADER}: ${inForce}`}</code> — the snippet set it with fault(), over the dial.
              </>
            ) : (
              'no faults — the snippet cleared them with fault(null), over the dial.'
            )}
          </>
        )}
      </p>
    </fieldset>
  );
}
