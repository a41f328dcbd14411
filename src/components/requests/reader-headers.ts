import {SESSION_HEADER, withFaultHeader} from '../../contract';
import {ROOM_HEADER} from '../../contract/room';

/** Who is sending from this tab; both unknown while the page renders on the server. */
export interface Reader {
  /** The tab's workshop room. */
  room?: string;
  /** The tab's reader id (src/snippet-runner/session.ts), the one the playground sends. */
  session?: string;
}

/**
 * The reader's session and room on a console or builder request, as the
 * snippet runtime sends them: the room's scenario applies, its dashboard
 * counts the call as this participant's, and the server's per-client limits
 * key on the session rather than the address a whole room shares. A header
 * the reader typed wins: it is what they asked to send.
 */
export function withReaderHeaders(headers: Array<[string, string]>, reader: Reader): Array<[string, string]> {
  const typed = new Set(headers.map(([name]) => name.toLowerCase()));
  const added: Array<[string, string]> = [];
  if (reader.session && !typed.has(SESSION_HEADER)) added.push([SESSION_HEADER, reader.session]);
  if (reader.room && !typed.has(ROOM_HEADER)) added.push([ROOM_HEADER, reader.room]);
  return added.length ? [...headers, ...added] : headers;
}

/**
 * What a console or builder request sends: the typed lines, the fault dial's
 * header (`fault`, in place of a typed one; the dial shows it) and the
 * reader's, which `added` lists to be shown beside the typed lines.
 */
export function sentHeaders(typed: Array<[string, string]>, fault: string | undefined, reader: Reader) {
  const withFault = withFaultHeader(typed, fault);
  const headers = withReaderHeaders(withFault, reader);
  return {headers, added: headers.slice(withFault.length)};
}
