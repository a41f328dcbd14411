import clsx from 'clsx';
import type {Ref} from 'react';
import styles from './styles.module.css';

/** The spinner's spokes: it turns one spoke a step, so a step is a whole turn's eighth. */
const spokes = 8;
/** A step's length: the CSS animation's 0.8 s is `spokes` steps of it (styles.module.css). */
const stepMs = 100;

/**
 * The small "working on it" wheel shown while a run, request or call is in
 * progress: spokes fading behind the brightest, which turns one spoke a
 * step. By itself it turns on a CSS animation, which the compositor runs:
 * it draws a frame at every screen refresh while it turns, though only ten a
 * second change it, and a flooding snippet's worker leaves the page one core
 * to share with the compositor (40 ms of CPU a second went to it). A
 * `stepped` spinner has no animation: its owner turns it with
 * `turnSpinner`, at a pace it already draws at (the run status's clock).
 * Under prefers-reduced-motion neither turns.
 */
export default function Spinner({stepped = false, ref}: {stepped?: boolean; ref?: Ref<HTMLSpanElement>}) {
  return (
    <span ref={ref} className={clsx(styles.spinner, stepped ? styles.stepped : styles.animated)} aria-hidden="true">
      <svg viewBox="-8 -8 16 16" width="100%" height="100%" focusable="false" aria-hidden="true">
        {Array.from({length: spokes}, (_, index) => (
          <line
            key={index}
            x1="3.2"
            x2="6.4"
            transform={`rotate(${(index * 360) / spokes})`}
            opacity={(index + 1) / spokes}
          />
        ))}
      </svg>
    </span>
  );
}

/** Turns a `stepped` spinner to where it is `ms` into its turning: a step each `stepMs`. */
export function turnSpinner(element: HTMLElement | null, ms: number): void {
  const step = Math.floor(ms / stepMs) % spokes;
  element?.style.setProperty('transform', `rotate(${(step * 360) / spokes}deg)`);
}
