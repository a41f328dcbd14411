import {describe, expect, it} from 'vitest';
import {MAX_JSON_DEPTH, parseBoundedJson} from './bounded-json.js';

const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

describe('parseBoundedJson', () => {
  it('parses JSON nested up to the limit', () => {
    expect(parseBoundedJson(nested(MAX_JSON_DEPTH)).ok).toBe(true);
    expect(parseBoundedJson('{"a":{"b":[1,{"c":"x"}]}}')).toEqual({ok: true, value: {a: {b: [1, {c: 'x'}]}}});
  });

  it('refuses deeper nesting, which JSON.stringify cannot write back', () => {
    expect(parseBoundedJson(nested(MAX_JSON_DEPTH + 1))).toEqual({
      ok: false,
      reason: 'depth',
      problem: `body nests arrays and objects more than ${MAX_JSON_DEPTH} levels deep`,
    });
    expect(() => JSON.stringify(JSON.parse(nested(30_000)))).toThrow(RangeError);
    expect(parseBoundedJson(nested(30_000)).ok).toBe(false);
  });

  it('does not count brackets inside strings, escaped quotes included', () => {
    const text = JSON.stringify({s: `\\"${'['.repeat(2_000)}`});
    expect(parseBoundedJson(text)).toEqual({ok: true, value: JSON.parse(text)});
  });

  it('says when the text is no JSON', () => {
    expect(parseBoundedJson('{not json')).toEqual({ok: false, reason: 'syntax', problem: 'body is not valid JSON'});
  });
});
