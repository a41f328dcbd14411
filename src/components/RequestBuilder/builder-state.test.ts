import {describe, expect, it} from 'vitest';
import {Code, ConnectError} from '@connectrpc/connect';
import {noFaults} from '../../contract';
import {
  builderReducer,
  initialBuilder,
  outgoingCall,
  parseDeadline,
  type BuilderAction,
  type BuilderState,
} from './builder-state';
import {sampleRequest} from './samples';
import {failureMessage} from './useRpcCall';

const decide = 'beamline.flow.v1.Router/Decide';
const start = () => initialBuilder(decide, 'reader-t', 'builder-c');
const apply = (...actions: BuilderAction[]) => actions.reduce<BuilderState>(builderReducer, start());

describe('the builder’s request state', () => {
  it('sends the tab’s session and workshop room, so the room counts builder calls as the reader’s', () => {
    const {headers, added} = outgoingCall(start(), {session: 's1', room: 'abc'});
    expect(headers).toEqual([
      ['x-correlation-id', 'builder-c'],
      ['x-beamline-session', 's1'],
      ['x-beamline-room', 'abc'],
    ]);
    expect(added).toEqual(headers.slice(1));
  });

  it('starts from the method’s sample, with the admin key only for RouterAdmin', () => {
    expect(start().request).toEqual(sampleRequest(decide, 'reader-t'));
    expect(start().headersText).toBe('x-correlation-id: builder-c');
    expect(initialBuilder('no/such', 't', 'c').methodId).toBe(decide);
    const admin = apply({type: 'method', methodId: 'beamline.flow.v1.RouterAdmin/ListPolicies'});
    expect(admin.headersText).toBe('x-correlation-id: builder-c\nx-api-key: playground-admin-key');
    expect(builderReducer(admin, {type: 'method', methodId: decide}).headersText).toBe('x-correlation-id: builder-c');
  });

  it('treats the JSON text as a draft: it replaces the request only once it is a valid request', () => {
    const valid = '{"message": {"messageId": "m-json"}}';
    const good = apply({type: 'mode', mode: 'json'}, {type: 'json', text: valid});
    expect(good.request).toEqual({message: {messageId: 'm-json'}});
    expect(good.json).toEqual({text: valid, problem: undefined});

    for (const [text, problem] of [
      ['{"message": ', /^Not valid JSON: /],
      ['[1]', /^Not valid JSON for RouteRequest: it must be a JSON object/],
      ['{"nope": 1}', /^The request is not a valid RouteRequest: /],
    ] as const) {
      const bad = builderReducer(good, {type: 'json', text});
      expect(bad.request, text).toEqual(good.request);
      expect(bad.json.text).toBe(text);
      expect(bad.json.problem).toMatch(problem);
      expect(outgoingCall(bad).problems).toEqual([bad.json.problem]);
      // The reader cannot leave for the form and lose the draft.
      expect(builderReducer(bad, {type: 'mode', mode: 'form'}).mode).toBe('json');
    }
  });

  it('holds Send while a form field’s text is not a value of its type, and names the field', () => {
    const state = apply({
      type: 'fieldProblem',
      path: 'message.timestampMs',
      problem: 'int64 needs a whole number, got "abc"',
    });
    expect(outgoingCall(state).problems).toEqual(['message.timestampMs: int64 needs a whole number, got "abc"']);
    expect(builderReducer(state, {type: 'mode', mode: 'json'}).mode).toBe('form');
    expect(outgoingCall(builderReducer(state, {type: 'fieldProblem', path: 'message.timestampMs'})).problems).toEqual(
      [],
    );
  });

  it('starts the form over (a new revision) when the request is replaced from outside it', () => {
    const edited = apply({type: 'form', request: {policyId: 'x'}});
    expect(edited.revision).toBe(0);
    expect(edited.json.text).toBe('{\n  "policyId": "x"\n}');
    const sampled = builderReducer({...edited, fieldProblems: {'message.timestampMs': 'bad'}}, {type: 'sample'});
    expect(sampled).toMatchObject({revision: 1, request: sampleRequest(decide, 'reader-t'), fieldProblems: {}});
  });

  it('adds the fault dial’s header and the parsed deadline to the call', () => {
    const call = outgoingCall(
      apply({type: 'fault', fault: {...noFaults, latencyMs: 1500}}, {type: 'deadline', text: '200'}),
    );
    expect(call.headers).toEqual([
      ['x-correlation-id', 'builder-c'],
      ['x-beamline-fault', 'latency=1500ms'],
    ]);
    expect(call.timeoutMs).toBe(200);
    expect(call.problems).toEqual([]);
  });
});

describe('the deadline field', () => {
  it('reads an empty field as no deadline, and says so', () => {
    expect(parseDeadline('')).toEqual({});
    expect(parseDeadline(' 250 ')).toEqual({timeoutMs: 250});
  });

  it('rejects 0 with what it would mean and what to do instead, never silently meaning "no deadline"', () => {
    expect(parseDeadline('0').problem).toBe(
      'A deadline of 0 ms would expire before the call leaves the browser. Use at least 1 ms, or leave the field empty for no deadline.',
    );
    expect(outgoingCall(apply({type: 'deadline', text: '0'})).timeoutMs).toBeUndefined();
    expect(outgoingCall(apply({type: 'deadline', text: '0'})).problems).toHaveLength(1);
  });

  it('rejects text, negatives, fractions and more than a minute', () => {
    expect(parseDeadline('abc').problem).toMatch(/^The deadline must be a whole number of milliseconds, got "abc"/);
    expect(parseDeadline('-5').problem).toMatch(/whole number/);
    expect(parseDeadline('1.5').problem).toMatch(/whole number/);
    expect(parseDeadline('60001').problem).toBe('The deadline can be at most 60000 ms (one minute).');
  });
});

describe('a failed call, in words', () => {
  const origin = 'http://127.0.0.1:3000';

  it('says an unreachable server is unreachable, not "unknown: Failed to fetch"', () => {
    const error = ConnectError.from(new TypeError('Failed to fetch'));
    expect(error.code).toBe(Code.Unknown);
    expect(failureMessage(error, false, origin)).toBe(
      'Could not reach the playground-server at http://127.0.0.1:3000 — is it running? ' +
        'Start it with npm start (or npm run serve after a build), then send again. ' +
        '(Connect reports this as unknown: no response came back.)',
    );
  });

  it('passes the server’s own message through, and owns up to a cancel', () => {
    expect(failureMessage(new ConnectError('message_id is required', Code.InvalidArgument), false, origin)).toBe(
      'message_id is required',
    );
    expect(failureMessage(new ConnectError('aborted', Code.Canceled), true, origin)).toBe('You cancelled the call.');
  });
});
