import {describe, expect, it} from 'vitest';
import {originForm} from './request-target.js';

describe('originForm', () => {
  it('keeps a path and its query', () => {
    expect(originForm('/api/v1/routes/decide?a=1')).toBe('/api/v1/routes/decide?a=1');
  });

  it('turns an absolute-form target into its path', () => {
    expect(originForm('http://x/api/v1/routes/decide?a=1')).toBe('/api/v1/routes/decide?a=1');
    expect(originForm('https://evil.example:8443/healthz')).toBe('/healthz');
  });

  it('resolves dot segments, so a prefix check and the route agree', () => {
    expect(originForm('/x/../api/v1/routes/decide')).toBe('/api/v1/routes/decide');
  });

  it('keeps a path that looks like a host a path', () => {
    expect(originForm('//evil.example/x')).toBe('//evil.example/x');
  });

  it('refuses what is no path or http(s) URL', () => {
    expect(originForm('*')).toBeUndefined();
    expect(originForm('ftp://x/api/')).toBeUndefined();
    expect(originForm('http://')).toBeUndefined();
  });
});
