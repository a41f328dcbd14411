/**
 * Workshop rooms: what the browser (participant banner, facilitator page,
 * snippet runtime) and the playground-server must agree on — header names,
 * the room code, the scenarios and the events the room streams.
 */

/** Request header naming the caller's room; absent means the default room. */
export const ROOM_HEADER = 'x-beamline-room';

/**
 * gRFC A6's request metadata on a retry attempt: how many attempts of this
 * call came before (absent or 0 on a first attempt). gRPC libraries with a
 * retry policy send it themselves; the playground's snippet runtime sends it
 * when a snippet calls again with a message id it has already sent.
 */
export const PREVIOUS_ATTEMPTS_HEADER = 'grpc-previous-rpc-attempts';

/** Response header (Connect) or trailer (gRPC) on a failure the room's scenario caused: the scenario's kind. */
export const ROOM_FAULT_HEADER = 'x-beamline-room-fault';

/** Request header (or `key` query parameter) carrying the facilitator's secret. */
export const FACILITATOR_KEY_HEADER = 'x-beamline-facilitator-key';

/** The room a reader is in when the URL names none. */
export const DEFAULT_ROOM = 'main';

/** Short codes: lower-case letters, digits and dashes, 1–20 characters (`?room=abc`). */
export const ROOM_CODE = /^[a-z0-9][a-z0-9-]{0,19}$/;

/** The room code in `text`, lower-cased, or undefined when it is not one. */
export function roomCode(text: string | null | undefined): string | undefined {
  const code = text?.trim().toLowerCase();
  return code && ROOM_CODE.test(code) ? code : undefined;
}

/** Where every room route lives; `<prefix><code>/events` etc. */
export const ROOM_API_PREFIX = '/rooms/';

export const roomPaths = {
  /** GET, SSE, public: the room's scenario, for every participant's banner. */
  events: (code: string) => `${ROOM_API_PREFIX}${code}/events`,
  /** GET, SSE, facilitator key: scenario plus the live aggregate, at least once a second. */
  dashboard: (code: string) => `${ROOM_API_PREFIX}${code}/dashboard`,
  /** PUT JSON `Scenario`, facilitator key: switches the room's scenario. */
  scenario: (code: string) => `${ROOM_API_PREFIX}${code}/scenario`,
} as const;

/**
 * A room's scenario, set by the facilitator and applied to every member's
 * Router calls before their own fault dial:
 *
 * - `calm`: nothing added;
 * - `brownout`: `error` of the calls fail with UNAVAILABLE, every call waits `latencyMs` first;
 * - `outage`: every call fails with UNAVAILABLE for `seconds`, then the room
 *   recovers — to `calm`, or to `capacity` at `recoveryPerSecond` when set;
 * - `capacity`: the room's Router serves at most `perSecond` calls each
 *   second for all members together and refuses the rest with RESOURCE_EXHAUSTED.
 */
export type Scenario =
  | {readonly kind: 'calm'}
  | {readonly kind: 'brownout'; readonly error: number; readonly latencyMs: number}
  | {readonly kind: 'outage'; readonly seconds: number; readonly recoveryPerSecond?: number}
  | {readonly kind: 'capacity'; readonly perSecond: number};

export type ScenarioKind = Scenario['kind'];

export const SCENARIO_KINDS: readonly ScenarioKind[] = ['calm', 'brownout', 'outage', 'capacity'];

export const scenarioLimits = {
  maxLatencyMs: 10_000,
  maxOutageSeconds: 600,
  maxPerSecond: 10_000,
} as const;

/** What the facilitator page offers before anyone changes a number. */
export const defaultScenarios: {readonly [K in ScenarioKind]: Extract<Scenario, {kind: K}>} = {
  calm: {kind: 'calm'},
  brownout: {kind: 'brownout', error: 0.3, latencyMs: 200},
  outage: {kind: 'outage', seconds: 20},
  capacity: {kind: 'capacity', perSecond: 20},
};

/** Parses a scenario from JSON-decoded input; throws an Error saying what is wrong. */
export function parseScenario(input: unknown): Scenario {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new Error('a scenario is a JSON object such as {"kind":"outage","seconds":20}');
  }
  const fields = input as Record<string, unknown>;
  const kind = fields.kind;
  const allowed: Record<ScenarioKind, readonly string[]> = {
    calm: ['kind'],
    brownout: ['kind', 'error', 'latencyMs'],
    outage: ['kind', 'seconds', 'recoveryPerSecond'],
    capacity: ['kind', 'perSecond'],
  };
  if (typeof kind !== 'string' || !(SCENARIO_KINDS as readonly string[]).includes(kind)) {
    throw new Error(`kind must be one of ${SCENARIO_KINDS.join(', ')}, got ${JSON.stringify(kind)}`);
  }
  const known = allowed[kind as ScenarioKind];
  const unknown = Object.keys(fields).find((name) => !known.includes(name));
  if (unknown !== undefined) {
    throw new Error(`${kind} takes ${known.join(', ')}; unknown field ${JSON.stringify(unknown)}`);
  }
  switch (kind as ScenarioKind) {
    case 'calm':
      return {kind: 'calm'};
    case 'brownout':
      return {
        kind: 'brownout',
        error: numberIn(fields, 'error', 0, 1, defaultScenarios.brownout.error),
        latencyMs: integerIn(fields, 'latencyMs', 0, scenarioLimits.maxLatencyMs, defaultScenarios.brownout.latencyMs),
      };
    case 'outage': {
      const seconds = integerIn(fields, 'seconds', 1, scenarioLimits.maxOutageSeconds, defaultScenarios.outage.seconds);
      return fields.recoveryPerSecond === undefined || fields.recoveryPerSecond === null
        ? {kind: 'outage', seconds}
        : {
            kind: 'outage',
            seconds,
            recoveryPerSecond: integerIn(fields, 'recoveryPerSecond', 1, scenarioLimits.maxPerSecond, 1),
          };
    }
    case 'capacity':
      return {
        kind: 'capacity',
        perSecond: integerIn(fields, 'perSecond', 1, scenarioLimits.maxPerSecond, defaultScenarios.capacity.perSecond),
      };
  }
}

function numberIn(fields: Record<string, unknown>, name: string, min: number, max: number, fallback: number): number {
  const value = fields[name];
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new Error(`${name} must be a number from ${min} to ${max}, got ${JSON.stringify(value)}`);
  }
  return value;
}

function integerIn(fields: Record<string, unknown>, name: string, min: number, max: number, fallback: number): number {
  const value = numberIn(fields, name, min, max, fallback);
  if (!Number.isInteger(value)) throw new Error(`${name} must be a whole number, got ${value}`);
  return value;
}

/** One line for a banner or a projector, e.g. "Outage for 20 s, then recovery". */
export function describeScenario(scenario: Scenario): string {
  switch (scenario.kind) {
    case 'calm':
      return 'Calm: the Router behaves';
    case 'brownout':
      return `Brownout: ${Math.round(scenario.error * 100)} % UNAVAILABLE, +${scenario.latencyMs} ms latency`;
    case 'outage':
      return `Outage for ${scenario.seconds} s, then recovery${
        scenario.recoveryPerSecond === undefined ? '' : ` at ${scenario.recoveryPerSecond} calls/s`
      }`;
    case 'capacity':
      return `Shared capacity: ${scenario.perSecond} calls/s for the whole room`;
  }
}

/** The room's scenario as a banner shows it (event `scenario` on both streams). */
export interface RoomState {
  readonly room: string;
  readonly scenario: Scenario;
  /** Epoch ms when this scenario started (an outage's recovery starts its follow-up). */
  readonly startedAt: number;
  /** Epoch ms when a running outage ends, for a countdown. */
  readonly endsAt?: number;
  /** Epoch ms of the room's last recovery (an outage or brownout ending). */
  readonly recoveredAt?: number;
}

/** Outcome groups the aggregate counts; any other code is `other`. */
export const OUTCOMES = ['ok', 'unavailable', 'resource_exhausted', 'deadline_exceeded', 'other'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Calls in one time bin: by outcome, first attempts and retries apart. */
export interface Bin {
  /** Start of the bin, epoch ms. */
  readonly t: number;
  readonly first: number;
  readonly retries: number;
  readonly outcomes: Readonly<Record<Outcome, number>>;
}

/** Event `aggregate` on the dashboard stream. */
export interface RoomAggregate {
  readonly room: string;
  readonly at: number;
  /** Sessions that called the Router or had the room open in the last minute. */
  readonly participants: number;
  /** Since the facilitator's last switch (an outage that ends by itself is no switch). */
  readonly totals: {
    /** When that switch was (epoch ms): the room's start until the first. */
    readonly since: number;
    readonly calls: number;
    readonly first: number;
    readonly retries: number;
    readonly outcomes: Readonly<Record<Outcome, number>>;
  };
  /** One bin per second, the last minute, oldest first. */
  readonly perSecond: readonly Bin[];
  /** 100 ms bins from 3 s before to 12 s after the last recovery. */
  readonly recovery?: {readonly at: number; readonly binMs: number; readonly bins: readonly Bin[]};
}
