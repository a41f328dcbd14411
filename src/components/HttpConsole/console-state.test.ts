import {describe, expect, it} from 'vitest';
import {noFaults} from '../../contract';
import {draftFrom, draftReducer, outgoing} from './console-state';
import {announcement, exchangeReducer, idleExchange, type ExchangeState, type HttpResult} from './exchange-state';
import {httpPresets} from './presets';

const [decide, missingTenant] = httpPresets('demo');

describe('the console’s request draft', () => {
  it('takes every part of a preset, but leaves the fault dial where the reader put it', () => {
    const faulty = {...noFaults, error: 0.5};
    const state = draftReducer(draftFrom(decide, faulty), {type: 'preset', preset: missingTenant});
    expect(state).toEqual({...draftFrom(missingTenant), fault: faulty});
  });

  it('keeps the repeat count a whole number from 1 to 100', () => {
    const edit = (repeat: number) => draftReducer(draftFrom(decide), {type: 'edit', patch: {repeat}}).repeat;
    expect([edit(0), edit(Number.NaN), edit(2.6), edit(1000)]).toEqual([1, 1, 3, 100]);
  });

  it('sends the tab’s session and workshop room, so the room counts console calls as the reader’s', () => {
    const {headers, added} = outgoing(draftFrom(decide), {session: 's1', room: 'abc'});
    expect(headers).toContainEqual(['x-beamline-session', 's1']);
    expect(headers).toContainEqual(['x-beamline-room', 'abc']);
    expect(added).toEqual([
      ['x-beamline-session', 's1'],
      ['x-beamline-room', 'abc'],
    ]);
  });

  it('sends the dial’s fault in place of a typed one, and lists the reader’s headers beyond it', () => {
    const draft = {
      ...draftFrom(decide, {...noFaults, error: 1}),
      headersText: 'X-Tenant-ID: t\nx-beamline-fault: latency=5ms',
    };
    const {headers, added} = outgoing(draft, {session: 's1'});
    expect(headers).toEqual([
      ['X-Tenant-ID', 't'],
      ['x-beamline-fault', 'error=1;code=unavailable'],
      ['x-beamline-session', 's1'],
    ]);
    expect(added).toEqual([['x-beamline-session', 's1']]);
    expect(outgoing(draftFrom(decide)).added).toEqual([]);
  });

  it('adds the dial’s fault header to what is sent', () => {
    const draft = draftFrom(decide, {...noFaults, error: 1});
    expect(outgoing(draft).headers).toContainEqual(['x-beamline-fault', 'error=1;code=unavailable']);
  });

  it('refuses a path that leaves the site, blaming the input, not the server', () => {
    for (const path of ['//example.com/api', '/\\example.com/api', 'api/v1']) {
      const {problems} = outgoing({...draftFrom(decide), path});
      expect(problems, path).toHaveLength(1);
      expect(problems[0], path).toMatch(/^The path (must start with "\/"|".*" would leave this site)/);
    }
    expect(outgoing({...draftFrom(decide), path: '//example.com/api'}).problems[0]).toBe(
      'The path "//example.com/api" would leave this site: a path starting with "//" names another host. Start it with a single "/".',
    );
    expect(outgoing({...draftFrom(decide), path: '/health?x=//y'}).problems).toEqual([]);
  });

  it('collects the header lines the browser would refuse', () => {
    const {problems} = outgoing({...draftFrom(decide), headersText: 'X-Name: Łukasz'});
    expect(problems).toEqual([expect.stringMatching(/^Header line 1: your browser cannot send "Ł"/)]);
  });
});

const answer = (status: number, statuses = [status]): HttpResult => ({
  status,
  statusText: status === 200 ? 'OK' : 'Too Many Requests',
  headers: [['content-type', 'application/json']],
  body: '{"ok":true}',
  contentType: 'application/json',
  bytes: 242,
  headersMs: 10,
  totalMs: 34.4,
  statuses,
  truncated: false,
});

describe('one exchange', () => {
  const run = (...actions: Parameters<typeof exchangeReducer>[1][]) =>
    actions.reduce<ExchangeState>(exchangeReducer, idleExchange);

  it('clears the previous answer when a new send starts, so an old 200 never sits beside a new error', () => {
    const state = run(
      {type: 'start'},
      {type: 'response', result: answer(200), streaming: false},
      {type: 'done'},
      {type: 'start'},
      {type: 'failed', message: 'Could not reach…'},
    );
    expect(state).toEqual({phase: 'failed', message: 'Could not reach…'});
  });

  it('keeps the events a stream delivered when the stream is cut or cancelled', () => {
    const streaming = [{type: 'start'}, {type: 'response', result: answer(200), streaming: true}] as const;
    expect(run(...streaming, {type: 'failed', message: 'gone'}).result?.status).toBe(200);
    expect(run(...streaming, {type: 'cancelled', afterMs: 1234.4})).toMatchObject({
      phase: 'cancelled',
      message: 'Cancelled after 1234 ms.',
      result: {status: 200},
    });
  });

  it('announces a summary of each outcome, never the body', () => {
    expect(announcement(run({type: 'start'}))).toBe('Sending…');
    expect(
      announcement(run({type: 'start'}, {type: 'response', result: answer(200), streaming: false}, {type: 'done'})),
    ).toBe('200 OK in 34 ms, 242 B.');
    const burst = run(
      {type: 'start'},
      {type: 'response', result: answer(429, [200, 200, 429]), streaming: false},
      {type: 'done'},
    );
    expect(announcement(burst)).toBe('3 requests: 2 × 200, 1 × 429. The last: 429 Too Many Requests in 34 ms, 242 B.');
    expect(announcement(run({type: 'start'}, {type: 'response', result: answer(200), streaming: true}))).toMatch(
      /^200 OK: the event stream is open/,
    );
    for (const state of [idleExchange, run({type: 'start'}, {type: 'failed', message: 'x'})])
      expect(announcement(state)).toBe('');
  });
});
