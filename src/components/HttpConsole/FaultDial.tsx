import {useId} from 'react';
import {faultCodes, FAULT_HEADER, faultSpec, type FaultSettings} from '@site/src/contract';
import styles from './styles.module.css';

interface Props {
  value: FaultSettings;
  onChange(next: FaultSettings): void;
  /** Prefix of the data-testids, so two dials on a page stay distinct. */
  testIdPrefix: string;
}

/**
 * Error rate, code and latency for this reader's requests only: the server
 * reads them from the `x-beamline-fault` header the dial sets.
 */
export default function FaultDial({value, onChange, testIdPrefix}: Props) {
  const id = useId();
  const spec = faultSpec(value);
  return (
    <fieldset className={styles.fault} data-testid={`${testIdPrefix}-fault`}>
      <legend>Fault dial</legend>
      <div className={styles.faultControls}>
        <div className={styles.faultItem}>
          <label htmlFor={`${id}-error`}>
            Error rate <output className={styles.value}>{Math.round(value.error * 100)}%</output>
          </label>
          <input
            id={`${id}-error`}
            type="range"
            min={0}
            max={100}
            step={5}
            value={Math.round(value.error * 100)}
            onChange={(event) => onChange({...value, error: Number(event.target.value) / 100})}
            data-testid={`${testIdPrefix}-fault-error`}
          />
        </div>
        <div className={styles.faultItem}>
          <label htmlFor={`${id}-code`}>Code</label>
          <select
            id={`${id}-code`}
            value={value.code}
            onChange={(event) => onChange({...value, code: event.target.value})}
            disabled={value.error === 0}
            data-testid={`${testIdPrefix}-fault-code`}
          >
            {faultCodes.map((code) => (
              <option key={code} value={code}>
                {code}
              </option>
            ))}
          </select>
        </div>
        <div className={styles.faultItem}>
          <label htmlFor={`${id}-latency`}>
            Latency <output className={styles.value}>{value.latencyMs} ms</output>
          </label>
          <input
            id={`${id}-latency`}
            type="range"
            min={0}
            max={3000}
            step={50}
            value={value.latencyMs}
            onChange={(event) => onChange({...value, latencyMs: Number(event.target.value)})}
            data-testid={`${testIdPrefix}-fault-latency`}
          />
        </div>
      </div>
      <p className={styles.faultHeader} data-testid={`${testIdPrefix}-fault-header`}>
        {spec ? (
          <>
            Adds <code>{`${FAULT_HEADER}: ${spec}`}</code> — only your requests are affected.
          </>
        ) : (
          <>No faults: the server answers normally.</>
        )}
      </p>
    </fieldset>
  );
}
