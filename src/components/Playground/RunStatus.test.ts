// @vitest-environment happy-dom
import React, {act, createElement, Profiler} from 'react';
import {createRoot} from 'react-dom/client';
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import type {RunStatus as Status} from '@site/src/snippet-runner/runner';
import RunStatus from './RunStatus';

(globalThis as {IS_REACT_ACT_ENVIRONMENT?: boolean}).IS_REACT_ACT_ENVIRONMENT = true;

beforeEach(() => {
  // Vitest compiles the component's JSX to React.createElement (the site's tsconfig leaves JSX to Docusaurus).
  vi.stubGlobal('React', React);
  vi.useFakeTimers({toFake: ['setInterval', 'clearInterval', 'performance']});
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('RunStatus', () => {
  it('ticks its clock and turns its spinner ten times a second without rendering, and says how long the run took', async () => {
    const box = document.createElement('div');
    const root = createRoot(box);
    let renders = 0;
    const startedAt = performance.now();
    const show = (status: Status) =>
      act(async () =>
        root.render(
          createElement(
            Profiler,
            {id: 'status', onRender: () => renders++},
            createElement(RunStatus, {status, startedAt, server: 'answers'}),
          ),
        ),
      );
    await show('running');
    const text = () => box.textContent;
    // The spinner turns a spoke (of eight) at each tick, set by the tick, with no animation of its own.
    const turn = () => box.querySelector<HTMLElement>('[aria-hidden="true"]')?.style.transform;
    expect(text()).toBe('Running0.0 s');
    expect(turn()).toBe('rotate(0deg)');
    const rendersWhileRunning = renders;
    await act(async () => vi.advanceTimersByTime(100));
    expect(turn()).toBe('rotate(45deg)');
    await act(async () => vi.advanceTimersByTime(900));
    expect(text()).toBe('Running1.0 s');
    expect(turn()).toBe('rotate(90deg)');
    await act(async () => vi.advanceTimersByTime(250));
    expect(text()).toBe('Running1.2 s');
    expect(turn()).toBe('rotate(180deg)');
    // A flood leaves the page one core: neither the clock nor the spinner is a render of its own.
    expect(renders).toBe(rendersWhileRunning);

    await act(async () => vi.advanceTimersByTime(50));
    await show('done');
    expect(text()).toBe('Finished after 1.3 s');
    expect(turn()).toBeUndefined();
    await act(async () => vi.advanceTimersByTime(1_000));
    expect(text()).toBe('Finished after 1.3 s');
    await act(async () => root.unmount());
  });
});
