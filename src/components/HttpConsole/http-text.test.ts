import {describe, expect, it} from 'vitest';
import {formatBody, toCurl} from './http-text';

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
