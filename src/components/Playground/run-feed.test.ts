import {describe, expect, it} from 'vitest';
import type {WorkerEvent} from '@site/src/snippet-runner/protocol';
import {minGapMs, RunFeed} from './run-feed';
import type {RunOutput} from './run-output';

// The state logic behind useSnippetRun, with frames and timers driven by hand.
function harness() {
  const shown: RunOutput[] = [];
  let queued: (() => void) | null = null;
  let timer: {callback: () => void; at: number} | null = null;
  let time = 0;
  const feed = new RunFeed((output) => shown.push(output), {
    request: (callback) => {
      queued = callback;
      return 1;
    },
    cancel: () => {
      queued = null;
    },
    now: () => time,
    after: (callback, ms) => {
      timer = {callback, at: time + ms};
      return 1;
    },
    cancelAfter: () => {
      timer = null;
    },
  });
  // One frame, 16 ms after the last: a timer due by then fires first.
  const frame = () => {
    time += 16;
    if (timer && timer.at <= time) {
      const due = timer.callback;
      timer = null;
      due();
    }
    const callback = queued;
    queued = null;
    callback?.();
  };
  return {feed, shown, frame, frameQueued: () => queued !== null, timerSet: () => timer !== null};
}

const log = (text: string): WorkerEvent => ({type: 'log', level: 'log', text, t: 0});

describe('RunFeed (useSnippetRun)', () => {
  it('shows the first event of a run at once, without waiting for a frame', () => {
    const {feed, shown, frameQueued} = harness();
    feed.push(log('first'));
    expect(shown.at(-1)?.lines.map((line) => line.text)).toEqual(['first']);
    expect(frameQueued()).toBe(false);
  });

  it('shows later events together on a frame at least minGapMs after the last showing', () => {
    const {feed, shown, frame} = harness();
    feed.push(log('first'));
    feed.push(log('2'));
    feed.push({type: 'point', point: {t: 1, outcome: 'ok'}});
    expect(shown).toHaveLength(1);
    const frames = Math.ceil(minGapMs / 16);
    for (let i = 1; i < frames; i++) frame();
    expect(shown).toHaveLength(1);
    frame();
    expect(shown).toHaveLength(2);
    expect(shown[1].lines.map((line) => line.text)).toEqual(['first', '2']);
    expect(shown[1].points).toHaveLength(1);
  });

  it('waits out the gap on a timer, and asks for no frame until it has passed', () => {
    const {feed, shown, frame, frameQueued, timerSet} = harness();
    feed.push(log('first'));
    feed.push(log('2'));
    feed.push(log('3'));
    expect(frameQueued()).toBe(false);
    expect(timerSet()).toBe(true);
    for (let i = 1; i < Math.ceil(minGapMs / 16); i++) {
      frame();
      expect(frameQueued()).toBe(false);
    }
    frame();
    expect(shown.at(-1)?.lines.map((line) => line.text)).toEqual(['first', '2', '3']);
    expect(timerSet()).toBe(false);
  });

  it('shows the end of a run at once, with what waited for a frame', () => {
    const {feed, shown} = harness();
    feed.push(log('first'));
    feed.push(log('last line'));
    feed.push({type: 'done', t: 5});
    expect(shown.at(-1)?.lines.map((line) => line.text)).toEqual(['first', 'last line']);
  });

  it('shows what waits for a frame when the run ends without an event (Stop), and nothing again after', () => {
    const {feed, shown, frame, frameQueued, timerSet} = harness();
    feed.push(log('first'));
    feed.push(log('waiting'));
    feed.end();
    expect(shown.at(-1)?.lines.map((line) => line.text)).toEqual(['first', 'waiting']);
    expect(frameQueued()).toBe(false);
    expect(timerSet()).toBe(false);
    feed.end();
    frame();
    expect(shown).toHaveLength(2);
  });

  it('holds a bounded window even when frames never come', () => {
    const {feed, shown, frame} = harness();
    for (let i = 0; i < 50_000; i++) feed.push(log(`${i}`));
    for (let i = 0; i < Math.ceil(minGapMs / 16); i++) frame();
    const last = shown.at(-1)!;
    expect(last.lines).toHaveLength(1_000);
    expect(last.lines.at(-1)?.text).toBe('49999');
    expect(last.droppedLines).toBe(49_000);
  });

  it('reset empties the output, drops what waits for a frame, and shows the next event at once', () => {
    const {feed, shown, frame} = harness();
    feed.push(log('old run'));
    feed.push(log('old, waiting'));
    feed.reset();
    expect(shown.at(-1)?.lines).toEqual([]);
    frame();
    expect(shown.at(-1)?.lines).toEqual([]);
    feed.push(log('new run'));
    expect(shown.at(-1)?.lines.map((line) => line.text)).toEqual(['new run']);
  });
});
