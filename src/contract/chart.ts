/** A point a snippet adds to the live chart (`chart.point`), as the worker posts it to the page. */
export interface ChartPoint {
  /** Milliseconds since the run started; filled in by the runtime when omitted. */
  t: number;
  /** Which attempt this is, 1 for the first call. */
  attempt?: number;
  /** How long the snippet slept before this attempt, in ms. */
  delayMs?: number;
  /** `ok`, or the status code name the call ended with (e.g. `unavailable`). */
  outcome: string;
  /** How long the call itself took, in ms. */
  latencyMs?: number;
  /** Free-form series name, for snippets that chart more than one thing. */
  series?: string;
  /** Any other numeric value the snippet wants on the chart. */
  value?: number;
}
