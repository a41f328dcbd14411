import {parseHeaderLines} from '../requests/header-lines';
import {type Reader, sentHeaders} from '../requests/reader-headers';
import {faultSpec, noFaults, type FaultSettings} from '../../contract';
import {sampleRequest} from './samples';
import {findMethod, toRequestMessage, type JsonObject} from './schema';

export type Protocol = 'connect' | 'grpc-web';
export type EditMode = 'form' | 'json';

export const defaultMethod = 'beamline.flow.v1.Router/Decide';
export const adminKeyHeader = 'x-api-key: playground-admin-key';
export const maxDeadlineMs = 60_000;

/**
 * Everything the reader has set up in the builder. `request` is the one
 * source of truth for the message; the JSON text is a draft of it that only
 * replaces it once it parses as the method's input, and the form's text
 * inputs report the fields whose text is not yet a value of their type.
 */
export interface BuilderState {
  methodId: string;
  tenant: string;
  request: JsonObject;
  /** Bumped whenever the request is replaced from outside the form, so the form starts over from it. */
  revision: number;
  mode: EditMode;
  json: {text: string; problem?: string};
  /** Form fields whose text is not a value of their type, by field path. */
  fieldProblems: Record<string, string>;
  protocol: Protocol;
  binary: boolean;
  /** As typed: empty means no deadline. */
  deadlineText: string;
  headersText: string;
  fault: FaultSettings;
}

export type BuilderAction =
  | {type: 'method'; methodId: string}
  | {type: 'sample'}
  | {type: 'form'; request: JsonObject}
  | {type: 'json'; text: string}
  | {type: 'mode'; mode: EditMode}
  | {type: 'fieldProblem'; path: string; problem?: string}
  | {type: 'protocol'; protocol: Protocol}
  | {type: 'binary'; binary: boolean}
  | {type: 'deadline'; text: string}
  | {type: 'headers'; text: string}
  | {type: 'fault'; fault: FaultSettings};

const isAdmin = (methodId: string) => methodId.startsWith('beamline.flow.v1.RouterAdmin/');
const pretty = (request: JsonObject) => JSON.stringify(request, null, 2);

/** Keeps the admin key line in step with the chosen service, leaving the reader's other lines alone. */
export function withAdminKey(text: string, admin: boolean): string {
  const lines = text.split('\n').filter((line) => !/^\s*x-api-key\s*:/i.test(line));
  return (admin ? [...lines.filter((line) => line.trim()), adminKeyHeader] : lines).join('\n');
}

export function initialBuilder(methodId: string, tenant: string, correlationId: string): BuilderState {
  const chosen = findMethod(methodId) ? methodId : defaultMethod;
  const request = sampleRequest(chosen, tenant);
  return {
    methodId: chosen,
    tenant,
    request,
    revision: 0,
    mode: 'form',
    json: {text: pretty(request)},
    fieldProblems: {},
    protocol: 'connect',
    binary: false,
    deadlineText: '5000',
    headersText: withAdminKey(`x-correlation-id: ${correlationId}`, isAdmin(chosen)),
    fault: noFaults,
  };
}

function replaced(state: BuilderState, request: JsonObject): BuilderState {
  return {...state, request, revision: state.revision + 1, json: {text: pretty(request)}, fieldProblems: {}};
}

/** Why a JSON draft is not a request of this method, or undefined when it is one. */
function jsonProblem(methodId: string, text: string): {request?: JsonObject; problem?: string} {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return {problem: `Not valid JSON: ${(error as Error).message}`};
  }
  const method = findMethod(methodId)!;
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    return {problem: `Not valid JSON for ${method.input.name}: it must be a JSON object ({…}).`};
  const {problem} = toRequestMessage(method, parsed as JsonObject);
  return problem ? {problem} : {request: parsed as JsonObject};
}

export function builderReducer(state: BuilderState, action: BuilderAction): BuilderState {
  switch (action.type) {
    case 'method': {
      if (!findMethod(action.methodId)) return state;
      const next = replaced(state, sampleRequest(action.methodId, state.tenant));
      return {
        ...next,
        methodId: action.methodId,
        headersText: withAdminKey(state.headersText, isAdmin(action.methodId)),
      };
    }
    case 'sample':
      return replaced(state, sampleRequest(state.methodId, state.tenant));
    case 'form':
      return {...state, request: action.request, json: {text: pretty(action.request)}};
    case 'json': {
      const {request, problem} = jsonProblem(state.methodId, action.text);
      return {...state, request: request ?? state.request, json: {text: action.text, problem}};
    }
    case 'mode':
      // Leaving a draft that does not parse, or a form field that does not, would lose the reader's text.
      if (action.mode === 'form' && state.json.problem) return state;
      if (action.mode === 'json' && Object.keys(state.fieldProblems).length) return state;
      return {...state, mode: action.mode, json: {text: pretty(state.request)}};
    case 'fieldProblem': {
      const {[action.path]: _previous, ...others} = state.fieldProblems;
      return {...state, fieldProblems: action.problem ? {...others, [action.path]: action.problem} : others};
    }
    case 'protocol':
      return {...state, protocol: action.protocol};
    case 'binary':
      return {...state, binary: action.binary};
    case 'deadline':
      return {...state, deadlineText: action.text};
    case 'headers':
      return {...state, headersText: action.text};
    case 'fault':
      return {...state, fault: action.fault};
  }
}

/** The deadline as typed: undefined for none, or the reason it cannot be used. */
export function parseDeadline(text: string): {timeoutMs?: number; problem?: string} {
  const trimmed = text.trim();
  if (trimmed === '') return {};
  if (!/^\d+$/.test(trimmed))
    return {problem: `The deadline must be a whole number of milliseconds, got "${text}". Leave it empty for none.`};
  const timeoutMs = Number(trimmed);
  if (timeoutMs === 0)
    return {
      problem:
        'A deadline of 0 ms would expire before the call leaves the browser. ' +
        'Use at least 1 ms, or leave the field empty for no deadline.',
    };
  if (timeoutMs > maxDeadlineMs) return {problem: `The deadline can be at most ${maxDeadlineMs} ms (one minute).`};
  return {timeoutMs};
}

/**
 * The call Send would make as `reader` (the tab's session and room), and
 * every reason it cannot be made yet, in the order the fields appear.
 */
export function outgoingCall(state: BuilderState, reader: Reader = {}) {
  const headers = parseHeaderLines(state.headersText);
  const deadline = parseDeadline(state.deadlineText);
  const requestProblems =
    state.mode === 'json'
      ? state.json.problem
        ? [state.json.problem]
        : []
      : Object.entries(state.fieldProblems).map(([path, problem]) => `${path}: ${problem}`);
  return {
    method: findMethod(state.methodId)!,
    ...sentHeaders(headers.headers, faultSpec(state.fault), reader),
    timeoutMs: deadline.timeoutMs,
    problems: [...(deadline.problem ? [deadline.problem] : []), ...requestProblems, ...headers.problems],
  };
}
