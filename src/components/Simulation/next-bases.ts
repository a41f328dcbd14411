/** The backoff base slider's range, ms. */
export const baseRange = {min: 1, max: 50};

/**
 * The bases a reader is likely to pick next, nearest first and, at equal
 * distance, onward in the direction the slider last moved: the worker
 * computes their sweeps while idle.
 */
export function nextBases(baseMs: number, direction: 1 | -1, count = 4): number[] {
  const next: number[] = [];
  for (let step = 1; next.length < count && step <= baseRange.max - baseRange.min; step++) {
    for (const candidate of [baseMs + direction * step, baseMs - direction * step]) {
      if (candidate >= baseRange.min && candidate <= baseRange.max && next.length < count) next.push(candidate);
    }
  }
  return next;
}
