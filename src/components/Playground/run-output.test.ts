import {describe, expect, it} from 'vitest';
import type {WorkerEvent} from '@site/src/snippet-runner/protocol';
import {appendEvents, emptyOutput, rowsToRender, type LogLine} from './run-output';

const log = (text: string): WorkerEvent => ({type: 'log', level: 'log', text, t: 0});
const point = (t: number): WorkerEvent => ({type: 'point', point: {t, outcome: 'ok'}});
const limits = {lines: 3, points: 2};

describe('run output', () => {
  it('keeps the newest lines and points and counts what it lets go', () => {
    let output = appendEvents(emptyOutput, [log('a'), log('b'), point(1)], limits);
    output = appendEvents(output, [log('c'), log('d'), point(2), point(3)], limits);
    expect(output.lines.map((line) => line.text)).toEqual(['b', 'c', 'd']);
    expect(output.points.map((p) => p.t)).toEqual([2, 3]);
    expect(output.droppedLines).toBe(1);
    expect(output.droppedPoints).toBe(1);
  });

  it('adds what the worker dropped to the counts', () => {
    const output = appendEvents(emptyOutput, [log('a'), {type: 'dropped', logs: 500, points: 7}], limits);
    expect(output.droppedLines).toBe(500);
    expect(output.droppedPoints).toBe(7);
  });

  it('gives every line a fresh id across trims, so rows keep stable keys', () => {
    let output = emptyOutput;
    for (const text of ['a', 'b', 'c', 'd', 'e']) output = appendEvents(output, [log(text)], limits);
    expect(output.lines.map((line) => line.id)).toEqual([2, 3, 4]);
  });

  it('shows an error as a line with its place, and remembers the place for the editor', () => {
    const output = appendEvents(emptyOutput, [{type: 'error', message: 'Error: boom', file: 'main.ts', line: 4, t: 9}]);
    expect(output.lines).toEqual([
      {id: 0, level: 'error', text: 'main.ts line 4: Error: boom', t: 9, file: 'main.ts', line: 4},
    ]);
    expect(output.errorAt).toEqual({file: 'main.ts', line: 4});
  });

  it('renders the newest rows only once a run lets lines go, unless the reader asks for all', () => {
    const lines: LogLine[] = ['a', 'b', 'c'].map((text, id) => ({id, level: 'log', text, t: 0}));
    const texts = (rows: LogLine[]) => rows.map((line) => line.text);
    expect(texts(rowsToRender(lines, 0, false, 2))).toEqual(['a', 'b', 'c']);
    expect(texts(rowsToRender(lines, 5, false, 2))).toEqual(['b', 'c']);
    expect(texts(rowsToRender(lines, 5, true, 2))).toEqual(['a', 'b', 'c']);
  });
});
