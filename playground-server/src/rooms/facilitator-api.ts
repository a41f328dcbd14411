import {createHash, timingSafeEqual} from 'node:crypto';
import {
  DEFAULT_ROOM,
  FACILITATOR_KEY_HEADER,
  parseScenario,
  ROOM_API_PREFIX,
  roomCode,
} from '../../../src/contract/room.js';
import {readBody} from '../gateway/read-body.js';
import {sendJson, type NodeRequest, type NodeResponse} from '../http-types.js';
import {type Rooms, RoomsFullError} from './rooms.js';
import type {RoomStreams} from './streams.js';

const MAX_SCENARIO_BYTES = 4096;
const MAX_SESSION_LENGTH = 128;

export interface RoomApiOptions {
  readonly rooms: Rooms;
  readonly streams: RoomStreams;
  /** The facilitator's secret (FACILITATOR_KEY, or generated at start). */
  readonly facilitatorKey: string;
}

/**
 * The room routes under `/rooms/<code>/`:
 *
 * - `GET events[?session=]` — SSE, public: the room's scenario, for banners;
 * - `GET dashboard?key=` — SSE, facilitator: scenario and live aggregate;
 * - `PUT scenario` (JSON body, key in `x-beamline-facilitator-key` or `?key=`) — switches it.
 *
 * The key guards every change and the dashboard. Refusals say why: 401
 * without a key, 403 with a wrong one; both as `{"error": "…"}`.
 */
export function createRoomApi(options: RoomApiOptions): (req: NodeRequest, res: NodeResponse) => void {
  const {rooms, streams} = options;
  const keyDigest = digest(options.facilitatorKey);
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://room.invalid');
    const [codeText = '', action = '', ...rest] = url.pathname.slice(ROOM_API_PREFIX.length).split('/');
    const code = roomCode(decodeURIComponentSafe(codeText));
    if (code === undefined || rest.length > 0 || !['events', 'dashboard', 'scenario'].includes(action)) {
      sendJson(res, 404, {
        error: `no such room route: ${url.pathname.slice(0, 80)}; use ${ROOM_API_PREFIX}<code>/events, /dashboard or /scenario, where a code is 1-20 lower-case letters, digits or dashes`,
      });
      return;
    }
    const method = action === 'scenario' ? 'PUT' : 'GET';
    if (req.method !== method) {
      res.setHeader('Allow', method);
      sendJson(res, 405, {error: `${ROOM_API_PREFIX}<code>/${action} answers ${method} only`});
      return;
    }
    if (action !== 'events') {
      const refusal = checkKey(req.headers[FACILITATOR_KEY_HEADER] ?? url.searchParams.get('key'), keyDigest);
      if (refusal) {
        sendJson(res, refusal.status, {error: refusal.error});
        return;
      }
    }
    let room: ReturnType<Rooms['join']>;
    try {
      room = code === DEFAULT_ROOM ? rooms.defaultRoom : rooms.join(code);
    } catch (error) {
      if (!(error instanceof RoomsFullError)) throw error;
      sendJson(res, 503, {error: error.message});
      return;
    }
    if (action === 'scenario') {
      void readBody(req, MAX_SCENARIO_BYTES).then((body) => {
        if (body.kind === 'gone') return;
        if (body.kind === 'too_large') {
          sendJson(res, 413, {error: `a scenario is at most ${MAX_SCENARIO_BYTES} bytes of JSON`});
          return;
        }
        let scenario: ReturnType<typeof parseScenario>;
        try {
          scenario = parseScenario(JSON.parse(body.text));
        } catch (error) {
          sendJson(res, 400, {error: `bad scenario: ${(error as Error).message}`});
          return;
        }
        const state = room.setScenario(scenario);
        streams.changed(room);
        sendJson(res, 200, state);
      });
      return;
    }
    const session = url.searchParams.get('session') ?? undefined;
    streams.open(room, res, {
      dashboard: action === 'dashboard',
      ...(session && session.length <= MAX_SESSION_LENGTH ? {session} : {}),
    });
  };
}

function checkKey(
  given: string | string[] | null | undefined,
  expected: Buffer,
): {status: number; error: string} | undefined {
  const key = Array.isArray(given) ? given[0] : given;
  if (!key) {
    return {
      status: 401,
      error:
        'this needs the facilitator key: open the facilitator URL the server printed at start ' +
        `(it ends in ?key=…), or send the key as ${FACILITATOR_KEY_HEADER}`,
    };
  }
  if (!timingSafeEqual(digest(key), expected)) {
    return {
      status: 403,
      error: 'wrong facilitator key: use the one the server printed at start (FACILITATOR_KEY when it was set)',
    };
  }
  return undefined;
}

/** Equal-length digests, so comparing them takes the same time whatever was sent. */
function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return '';
  }
}
