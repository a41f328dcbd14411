/** The backoff base slider's range, ms. */
export const baseRange = {min: 1, max: 50};

/**
 * The bases a reader is likely to pick next, nearest first and, at equal
 * distance, onward in the direction the slider last moved: the worker
 * computes their sweeps while idle. Bases whose sweep the page already
 * `holds` are passed over, so the ones asked for reach further out.
 */
export function nextBases(
  baseMs: number,
  direction: 1 | -1,
  count = 4,
  holds: (baseMs: number) => boolean = () => false,
): number[] {
  const next: number[] = [];
  for (let step = 1; next.length < count && step <= baseRange.max - baseRange.min; step++) {
    for (const candidate of [baseMs + direction * step, baseMs - direction * step]) {
      if (candidate < baseRange.min || candidate > baseRange.max || holds(candidate)) continue;
      if (next.length < count) next.push(candidate);
    }
  }
  return next;
}
