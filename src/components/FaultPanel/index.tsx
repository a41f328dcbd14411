import {useId} from 'react';
import {faultCodes, FAULT_HEADER, faultSpec, type FaultSettings} from '@site/src/contract';
import styles from './styles.module.css';

interface Props {
  value: FaultSettings;
  onChange(next: FaultSettings): void;
}

interface SliderProps {
  label: string;
  value: number;
  min: number;
  max: number;
  step: number;
  format(value: number): string;
  onChange(value: number): void;
  testId: string;
}

function Slider({label, value, min, max, step, format, onChange, testId}: SliderProps) {
  const id = useId();
  return (
    <div className={styles.control}>
      <label htmlFor={id}>
        {label} <output className={styles.value}>{format(value)}</output>
      </label>
      <input
        id={id}
        type="range"
        min={min}
        max={max}
        step={step}
        value={value}
        onChange={(event) => onChange(Number(event.target.value))}
        data-testid={testId}
      />
    </div>
  );
}

/**
 * The fault dial: what the playground-server does to this reader's calls
 * (and nobody else's). Changes apply to a running snippet from its next call.
 */
export default function FaultPanel({value, onChange}: Props) {
  const codeId = useId();
  const set = (patch: Partial<FaultSettings>) => onChange({...value, ...patch});
  const spec = faultSpec(value);
  return (
    <fieldset className={styles.panel} data-testid="fault-panel">
      <legend>Router faults for your calls</legend>
      <div className={styles.controls}>
        <Slider
          label="Error rate"
          value={value.error}
          min={0}
          max={1}
          step={0.05}
          format={(v) => `${Math.round(v * 100)}%`}
          onChange={(error) => set({error})}
          testId="fault-error"
        />
        <div className={styles.control}>
          <label htmlFor={codeId}>Failing calls get</label>
          <select
            id={codeId}
            value={value.code}
            onChange={(event) => set({code: event.target.value})}
            data-testid="fault-code"
          >
            {faultCodes.map((code) => (
              <option key={code} value={code}>
                {code.toUpperCase()}
              </option>
            ))}
          </select>
        </div>
        <Slider
          label="Latency"
          value={value.latencyMs}
          min={0}
          max={2000}
          step={10}
          format={(v) => `${v} ms`}
          onChange={(latencyMs) => set({latencyMs})}
          testId="fault-latency"
        />
        <Slider
          label="Jitter"
          value={value.jitterMs}
          min={0}
          max={1000}
          step={10}
          format={(v) => `+0–${v} ms`}
          onChange={(jitterMs) => set({jitterMs})}
          testId="fault-jitter"
        />
        <Slider
          label="Server rate limit"
          value={value.ratePerSecond}
          min={0}
          max={50}
          step={1}
          format={(v) => (v === 0 ? 'off' : `${v}/s`)}
          onChange={(ratePerSecond) => set({ratePerSecond})}
          testId="fault-rate"
        />
      </div>
      <code className={styles.header} data-testid="fault-header">
        {FAULT_HEADER}: {spec ?? '(none — the Router behaves)'}
      </code>
    </fieldset>
  );
}
