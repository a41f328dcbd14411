import type {NodeRequest} from '../http-types.js';

/** c-gateway reads a request into one 64 KiB buffer (MAX_REQUEST_SIZE); nothing bigger fits. */
export const MAX_BODY_BYTES = 64 * 1024;

/**
 * How much of an oversized body is still read (and thrown away) so the
 * client, which is usually still sending, gets to read the 400. Past this
 * the connection is cut instead.
 */
const DRAIN_LIMIT_BYTES = 1024 * 1024;

export type BodyResult =
  | {readonly kind: 'ok'; readonly text: string}
  | {readonly kind: 'too_large'}
  /** The client went away, or sent far too much to bother draining: nobody to answer. */
  | {readonly kind: 'gone'};

/** Reads a request body of at most `maxBytes` as UTF-8 text. Never throws. */
export function readBody(req: NodeRequest, maxBytes = MAX_BODY_BYTES): Promise<BodyResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (result: BodyResult) => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onGone);
      req.off('aborted', onGone);
      if (result.kind === 'gone') {
        // Whatever was still arriving has nowhere to go.
        req.resume();
      }
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) {
        chunks.push(chunk);
      } else if (size > DRAIN_LIMIT_BYTES) {
        req.destroy();
        finish({kind: 'gone'});
      }
    };
    const onEnd = () =>
      finish(size > maxBytes ? {kind: 'too_large'} : {kind: 'ok', text: Buffer.concat(chunks).toString('utf8')});
    const onGone = () => finish({kind: 'gone'});
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onGone);
    req.on('aborted', onGone);
  });
}
