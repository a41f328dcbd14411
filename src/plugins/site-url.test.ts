import {describe, expect, it} from 'vitest';
import {siteOrigin} from './site-url';

describe('siteOrigin (SITE_URL)', () => {
  it('defaults to the address npm start prints, and takes the configured origin', () => {
    expect(siteOrigin(undefined)).toBe('http://localhost:3000');
    expect(siteOrigin('')).toBe('http://localhost:3000');
    expect(siteOrigin('http://workshop.lan:8080/')).toBe('http://workshop.lan:8080');
    expect(siteOrigin('https://guide.example.org')).toBe('https://guide.example.org');
  });

  it('refuses what would make wrong links, and says why', () => {
    expect(() => siteOrigin('workshop.lan')).toThrow(/not a URL/);
    expect(() => siteOrigin('ftp://workshop.lan')).toThrow(/http/);
    expect(() => siteOrigin('http://workshop.lan/guide/')).toThrow(/without a path/);
  });
});
