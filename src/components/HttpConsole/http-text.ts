/** Plain-text helpers of the HTTP console: header lines in, curl out. */

export interface ParsedHeaders {
  headers: Array<[string, string]>;
  /** One message per line that is not `Name: value`. */
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
    headers.push([name, line.slice(colon + 1).trim()]);
  });
  return {headers, problems};
}

export function allowsBody(method: string): boolean {
  return method !== 'GET' && method !== 'HEAD';
}

const shellQuote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;

/** The same request as a curl command a reader can paste into a terminal. */
export function toCurl(
  origin: string,
  method: string,
  path: string,
  headers: Array<[string, string]>,
  body: string,
): string {
  const lines = [`curl -sS -i${method === 'GET' ? '' : ` -X ${method}`} ${shellQuote(origin + path)}`];
  for (const [name, value] of headers) lines.push(`  -H ${shellQuote(`${name}: ${value}`)}`);
  if (allowsBody(method) && body.trim()) lines.push(`  --data-raw ${shellQuote(body.trim())}`);
  return lines.join(' \\\n');
}

/** Pretty JSON when the body is JSON, the text as it came otherwise. */
export function formatBody(text: string, contentType: string | null): string {
  if (!text) return '';
  if (contentType?.includes('json') || /^\s*[{[]/.test(text)) {
    try {
      return JSON.stringify(JSON.parse(text), null, 2);
    } catch {
      return text;
    }
  }
  return text;
}

export function formatBytes(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KiB`;
}
