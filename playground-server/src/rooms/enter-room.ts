import {Code, ConnectError, type Interceptor} from '@connectrpc/connect';
import {codeToString} from '@connectrpc/connect/protocol-connect';
import {Router} from '@beamline/api/beamline/flow/v1/flow_pb';
import {
  DEFAULT_ROOM,
  OUTCOMES,
  type Outcome,
  PREVIOUS_ATTEMPTS_HEADER,
  ROOM_FAULT_HEADER,
  ROOM_HEADER,
  roomCode,
} from '../../../src/contract/room.js';
import {FAULT_INJECTED_HEADER, SESSION_HEADER} from '../../../src/contract/index.js';
import {type Rooms, RoomsFullError} from './rooms.js';

/** Longest session id that counts as a participant (a UUID is 36 characters). */
const MAX_SESSION_LENGTH = 128;

export interface EnterRoomOptions {
  readonly rooms: Rooms;
  readonly random?: () => number;
  /** Epoch milliseconds; the rooms' clock. */
  readonly now?: () => number;
  readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
}

/** Call with the call's final code (undefined: OK) once it has ended. */
export type LeaveRoom = (code: Code | undefined) => void;

/**
 * Applies the caller's room scenario to one Router call, before the
 * caller's own fault header: waits the brownout's latency, or throws the
 * room's failure (which is counted at once). Otherwise resolves with the
 * function that counts the call when it ends — whatever ended it, the
 * caller's own faults included.
 */
export function createEnterRoom(
  options: EnterRoomOptions,
): (header: Headers, signal: AbortSignal) => Promise<LeaveRoom> {
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  return async (header, signal) => {
    const room = joinRoom(options.rooms, header.get(ROOM_HEADER));
    const session = header.get(SESSION_HEADER);
    if (session && session.length <= MAX_SESSION_LENGTH) room.touch(session);
    const retry = Number(header.get(PREVIOUS_ATTEMPTS_HEADER) ?? 0) > 0;
    const arrivedAt = now();
    const leave: LeaveRoom = (code) => room.record(arrivedAt, outcomeOf(code), retry);
    const verdict = room.admit(random);
    if (verdict.delayMs > 0) {
      try {
        await options.sleep(verdict.delayMs, signal);
      } catch (reason) {
        leave(Code.Canceled);
        throw ConnectError.from(reason, Code.Canceled);
      }
    }
    if (verdict.failure) {
      leave(verdict.failure.code);
      throw new ConnectError(verdict.failure.message, verdict.failure.code, {
        [FAULT_INJECTED_HEADER]: codeToString(verdict.failure.code),
        [ROOM_FAULT_HEADER]: verdict.failure.kind,
      });
    }
    return leave;
  };
}

/** The Connect door: the room step around every `beamline.flow.v1.Router` call (RouterAdmin is left alone). */
export function createRoomInterceptor(enterRoom: ReturnType<typeof createEnterRoom>): Interceptor {
  return (next) => async (req) => {
    if (req.service.typeName !== Router.typeName) return next(req);
    const leave = await enterRoom(req.header, req.signal);
    try {
      const res = await next(req);
      leave(undefined);
      return res;
    } catch (error) {
      leave(ConnectError.from(error).code);
      throw error;
    }
  };
}

function joinRoom(rooms: Rooms, header: string | null) {
  if (header === null || header.trim() === '') return rooms.defaultRoom;
  const code = roomCode(header);
  if (code === undefined) {
    throw new ConnectError(
      `${ROOM_HEADER}: a room code is 1-20 lower-case letters, digits or dashes, got ${JSON.stringify(header.slice(0, 40))}`,
      Code.InvalidArgument,
    );
  }
  try {
    return code === DEFAULT_ROOM ? rooms.defaultRoom : rooms.join(code);
  } catch (error) {
    if (error instanceof RoomsFullError) throw new ConnectError(error.message, Code.ResourceExhausted);
    throw error;
  }
}

function outcomeOf(code: Code | undefined): Outcome {
  if (code === undefined) return 'ok';
  const name = codeToString(code) as Outcome;
  return OUTCOMES.includes(name) ? name : 'other';
}
