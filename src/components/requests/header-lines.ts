/**
 * What the HTTP console and the request builder share about the headers a
 * reader types: `Name: value` lines in, fetch()-ready pairs out, and a plain
 * reason for every line a browser would refuse — caught here, before sending,
 * so the browser's refusal is never mistaken for the server's answer.
 */
export interface ParsedHeaders {
  headers: Array<[string, string]>;
  /** One message per line that cannot be sent. */
  problems: string[];
}

const tokenPattern = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Headers the browser sets itself and silently drops from fetch(). */
const forbidden = new Set([
  'accept-charset',
  'accept-encoding',
  'connection',
  'content-length',
  'cookie',
  'date',
  'host',
  'keep-alive',
  'origin',
  'referer',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'via',
]);

/** The first character fetch() refuses in a header value: beyond Latin-1, or NUL. */
function unsendable(value: string): string | undefined {
  for (const character of value) {
    const code = character.codePointAt(0)!;
    if (code > 0xff || code === 0) return character;
  }
  return undefined;
}

/** Parses `Name: value` lines; blank lines and `#` comments are skipped. */
export function parseHeaderLines(text: string): ParsedHeaders {
  const headers: Array<[string, string]> = [];
  const problems: string[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon).trim() : '';
    if (!name || !tokenPattern.test(name)) {
      problems.push(`Header line ${index + 1} is not "Name: value": ${JSON.stringify(line)}`);
      return;
    }
    if (forbidden.has(name.toLowerCase())) {
      problems.push(`Header line ${index + 1}: browsers do not let a page set ${name}; remove it (curl can).`);
      return;
    }
    const value = line.slice(colon + 1).trim();
    const bad = unsendable(value);
    if (bad !== undefined) {
      problems.push(
        `Header line ${index + 1}: your browser cannot send ${JSON.stringify(bad)} in a header value ` +
          '(only Latin-1 characters are allowed). Use plain ASCII, or percent-encode the value.',
      );
      return;
    }
    headers.push([name, value]);
  });
  return {headers, problems};
}
