/** Plain-text helpers of the HTTP console: the path it may send, curl out, bodies and sizes shown. */

/**
 * Why a path cannot be sent, or undefined. The console talks to this site
 * only: a path the browser would resolve to another host (`//host/x`, or
 * `/\host/x`, which browsers read the same way) is the reader's input to fix,
 * not a server that failed to answer.
 */
export function pathProblem(path: string): string | undefined {
  if (!path.startsWith('/')) return 'The path must start with "/" (the console only talks to this server).';
  const base = 'http://this.site';
  let leaves = true;
  try {
    leaves = new URL(path, base).origin !== base;
  } catch {
    // An unparseable authority after "//" leaves the site as surely as a parseable one.
  }
  return leaves
    ? `The path "${path}" would leave this site: a path starting with "//" names another host. ` +
        'Start it with a single "/".'
    : undefined;
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
