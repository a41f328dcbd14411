import {describe, expect, it} from 'vitest';
import {formatBody, parseHeaderLines, toCurl} from './http-text';

describe('parseHeaderLines', () => {
  it('reads Name: value lines, skipping blanks and comments', () => {
    expect(parseHeaderLines('X-Tenant-ID: demo\n\n# note\ncontent-type: application/json\nX-Empty:')).toEqual({
      headers: [
        ['X-Tenant-ID', 'demo'],
        ['content-type', 'application/json'],
        ['X-Empty', ''],
      ],
      problems: [],
    });
  });

  it('names the line that is not a header and the headers a browser refuses', () => {
    const {headers, problems} = parseHeaderLines('tenant demo\nHost: example\nBad Name: x\nX-Ok: 1');
    expect(headers).toEqual([['X-Ok', '1']]);
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/line 1 .*"tenant demo"/);
    expect(problems[1]).toMatch(/line 2: browsers do not let a page set Host/);
    expect(problems[2]).toMatch(/line 3/);
  });
});

describe('toCurl', () => {
  it('quotes for a POSIX shell and leaves the body out of a GET', () => {
    expect(
      toCurl('http://localhost:3000', 'POST', '/api/v1/routes/decide', [['X-Tenant-ID', "o'neil"]], '{"a":1}\n'),
    ).toBe(
      "curl -sS -i -X POST 'http://localhost:3000/api/v1/routes/decide' \\\n  -H 'X-Tenant-ID: o'\\''neil' \\\n  --data-raw '{\"a\":1}'",
    );
    expect(toCurl('http://h', 'GET', '/health', [], 'ignored')).toBe("curl -sS -i 'http://h/health'");
  });
});

describe('formatBody', () => {
  it('pretty-prints JSON and leaves other text alone', () => {
    expect(formatBody('{"ok":true}', 'application/json')).toBe('{\n  "ok": true\n}');
    expect(formatBody('data: x\n\n', 'text/event-stream')).toBe('data: x\n\n');
    expect(formatBody('{broken', 'application/json')).toBe('{broken');
  });
});
