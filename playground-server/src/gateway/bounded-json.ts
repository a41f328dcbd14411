/**
 * How deeply a request body's arrays and objects may nest. JSON.parse reads
 * any depth, but JSON.stringify (the payload's bytes, an event on the
 * stream) recurses and throws RangeError past a few thousand levels; a
 * 64 KiB body can nest 32 000 deep. No c-gateway request needs more.
 */
export const MAX_JSON_DEPTH = 512;

export type ParsedJson =
  | {readonly ok: true; readonly value: unknown}
  | {readonly ok: false; readonly reason: 'syntax' | 'depth'; readonly problem: string};

/** JSON.parse, after checking the nesting depth without recursion. */
export function parseBoundedJson(text: string): ParsedJson {
  if (nestingDepth(text) > MAX_JSON_DEPTH) {
    return {
      ok: false,
      reason: 'depth',
      problem: `body nests arrays and objects more than ${MAX_JSON_DEPTH} levels deep`,
    };
  }
  try {
    return {ok: true, value: JSON.parse(text)};
  } catch {
    return {ok: false, reason: 'syntax', problem: 'body is not valid JSON'};
  }
}

/** The deepest nesting of [ and { outside strings (brackets need not match: JSON.parse judges that). */
function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b || c === 0x7b) {
      depth++;
      if (depth > deepest) deepest = depth;
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    }
  }
  return deepest;
}
