import type {ChartPoint, LogLevel, WorkerEvent} from '@site/src/snippet-runner/protocol';

export interface LogLine {
  id: number;
  level: LogLevel;
  text: string;
  t: number;
  file?: string;
  line?: number;
}

export interface ErrorLocation {
  file: string;
  line: number;
}

/** What a run has shown so far: the newest lines and points, and how many older ones were let go. */
export interface RunOutput {
  lines: LogLine[];
  points: ChartPoint[];
  droppedLines: number;
  droppedPoints: number;
  /** Where the last error happened in the snippet, for the editor to mark. */
  errorAt?: ErrorLocation;
  /** Ids the next lines take, so React keys stay unique across trims. */
  nextId: number;
}

/**
 * The output pane and the chart keep this much of a run; a flood beyond it
 * costs neither memory nor frames.
 */
export const outputLimits = {lines: 1_000, points: 5_000};

/**
 * Rows the output pane holds once a run has let lines go (a flood): an
 * update then rewrites these rows, not a thousand, whose restyling and
 * layout made frames of 300 ms and more on a loaded machine. The pane's box
 * shows about fifteen, and these are rewritten four times a second: more than
 * a screenful back is no use to a reader while the flood lasts, and each row
 * is a render, a text change and its layout. The rest of what is kept is
 * behind "Show all".
 */
export const floodRows = 40;

/**
 * The lines the output pane renders: all of them, unless the run has let
 * lines go (`dropped`) and the reader has not asked for all — then the newest
 * `floodRows`. A run that drops nothing keeps every line on the page, as
 * readers and tests expect.
 */
export function rowsToRender(lines: LogLine[], dropped: number, showAll: boolean, rows = floodRows): LogLine[] {
  return showAll || dropped === 0 || lines.length <= rows ? lines : lines.slice(-rows);
}

export const emptyOutput: RunOutput = {lines: [], points: [], droppedLines: 0, droppedPoints: 0, nextId: 0};

/** Adds a run's events to what the page shows, keeping the newest `limits` of each. */
export function appendEvents(output: RunOutput, events: readonly WorkerEvent[], limits = outputLimits): RunOutput {
  if (events.length === 0) return output;
  const newLines: LogLine[] = [];
  const newPoints: ChartPoint[] = [];
  let {droppedLines, droppedPoints, errorAt, nextId} = output;
  for (const event of events) {
    if (event.type === 'log') newLines.push({id: nextId++, level: event.level, text: event.text, t: event.t});
    else if (event.type === 'point') newPoints.push(event.point);
    else if (event.type === 'dropped') {
      droppedLines += event.logs;
      droppedPoints += event.points;
    } else if (event.type === 'error') {
      const where = [event.file, event.line && `line ${event.line}`].filter(Boolean).join(' ');
      const text = where ? `${where}: ${event.message}` : event.message;
      newLines.push({id: nextId++, level: 'error', text, t: event.t, file: event.file, line: event.line});
      errorAt = event.file && event.line ? {file: event.file, line: event.line} : undefined;
    }
  }
  let lines = newLines.length ? output.lines.concat(newLines) : output.lines;
  let points = newPoints.length ? output.points.concat(newPoints) : output.points;
  if (lines.length > limits.lines) {
    droppedLines += lines.length - limits.lines;
    lines = lines.slice(-limits.lines);
  }
  if (points.length > limits.points) {
    droppedPoints += points.length - limits.points;
    points = points.slice(-limits.points);
  }
  return {lines, points, droppedLines, droppedPoints, errorAt, nextId};
}
