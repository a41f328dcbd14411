import {useId} from 'react';
import styles from './styles.module.css';

interface Props {
  label: string;
  value: number;
  min: number;
  max: number;
  step: number;
  /** How the value reads, on screen and to a screen reader (`50 %`, `200 ms`). */
  format(value: number): string;
  onChange(value: number): void;
  testId?: string;
  disabled?: boolean;
}

/** A labelled range input whose value is spoken in its unit, not as a bare number. */
export default function Slider({label, value, min, max, step, format, onChange, testId, disabled}: Props) {
  const id = useId();
  const text = format(value);
  return (
    <div className={styles.slider}>
      <label htmlFor={id}>
        {label}{' '}
        <output htmlFor={id} className={styles.value} aria-hidden="true">
          {text}
        </output>
      </label>
      <input
        id={id}
        type="range"
        min={min}
        max={max}
        step={step}
        value={value}
        aria-valuetext={text}
        disabled={disabled}
        onChange={(event) => onChange(Number(event.target.value))}
        data-testid={testId}
      />
    </div>
  );
}
