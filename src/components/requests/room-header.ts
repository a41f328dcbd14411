import {ROOM_HEADER} from '../../contract/room';

/**
 * The workshop room's header on a console or builder request, as the snippet
 * runtime sends it, so the room's scenario and its dashboard count these calls
 * too. A room header the reader typed wins: it is what they asked to send.
 */
export function withRoomHeader(headers: Array<[string, string]>, room: string | undefined): Array<[string, string]> {
  if (!room || headers.some(([name]) => name.toLowerCase() === ROOM_HEADER)) return headers;
  return [...headers, [ROOM_HEADER, room]];
}
