import {describe, expect, it} from 'vitest';
import {explainFailure, failureKind} from './failures';

describe('explainFailure', () => {
  it('says the server could not be reached, where, and what to do — in every browser’s wording', () => {
    for (const message of [
      'Failed to fetch',
      'NetworkError when attempting to fetch resource.',
      'Load failed',
      '[unknown] Failed to fetch',
    ]) {
      expect(failureKind(new TypeError(message)), message).toBe('unreachable');
      expect(explainFailure(new TypeError(message), 'http://127.0.0.1:3000')).toBe(
        'Could not reach the playground-server at http://127.0.0.1:3000 — is it running? ' +
          'Start it with npm start (or npm run serve after a build), then send again.',
      );
    }
    for (const origin of ['http://localhost:3000', 'http://[::1]:3000'])
      expect(explainFailure(new TypeError('Failed to fetch'), origin)).toMatch(/Start it with npm start/);
  });

  it('never tells a workshop participant to run npm start on the facilitator’s server', () => {
    const message = explainFailure(new TypeError('Failed to fetch'), 'http://192.168.1.23:3000');
    expect(message).not.toMatch(/npm/);
    expect(message).toBe(
      'Could not reach the playground-server at http://192.168.1.23:3000, where this page comes from. ' +
        'Check your network connection, or ask whoever runs it (in a workshop, the facilitator) whether it is still running.',
    );
  });

  it('blames the browser, not the server, for a request it refused to make', () => {
    const error = new TypeError("Failed to execute 'fetch' on 'Window': Invalid value");
    expect(explainFailure(error, 'http://h')).toBe(
      "Your browser refused to send this request, so nothing reached the server: Failed to execute 'fetch' on 'Window': Invalid value",
    );
  });

  it('never shows Markdown backticks to the reader', () => {
    for (const origin of ['http://localhost', 'http://workshop.lan'])
      expect(explainFailure(new TypeError('Failed to fetch'), origin)).not.toContain('`');
  });
});
