import {describe, expect, it} from 'vitest';
import {describeThrown, locateInFiles} from './error-location';

const url = 'blob:http://localhost:3000/4b1f7c2e-0000-4000-8000-000000000000';
const libraryUrl = 'blob:http://localhost:3000/9d0e0000-0000-4000-8000-000000000001';
const files = new Map([
  [url, 'main.ts'],
  [libraryUrl, 'token-bucket.ts'],
]);

describe('locateInFiles', () => {
  it('finds the first frame in the snippet module, skipping runtime frames', () => {
    const error = new Error('boom');
    error.stack = [
      'Error: boom',
      '    at sleep (http://localhost:3000/assets/js/worker.js:1:900)',
      `    at TokenBucket.take (${libraryUrl}:17:11)`,
      `    at ${url}:40:3`,
    ].join('\n');
    expect(locateInFiles(error, files)).toEqual({file: 'token-bucket.ts', line: 17, column: 11});
  });

  it("counts first-line columns from the reader's code, after what the worker put before it", () => {
    const error = new Error('boom');
    error.stack = `Error: boom\n    at ${url}:1:30`;
    expect(locateInFiles(error, files, 25)).toEqual({file: 'main.ts', line: 1, column: 5});
    error.stack = `Error: boom\n    at ${url}:2:30`;
    expect(locateInFiles(error, files, 25)).toEqual({file: 'main.ts', line: 2, column: 30});
  });

  it('gives nothing when the snippet is not on the stack', () => {
    const error = new Error('network');
    error.stack = 'Error: network\n    at fetch (native)';
    expect(locateInFiles(error, files)).toBeUndefined();
    expect(locateInFiles('a string', files)).toBeUndefined();
  });
});

describe('describeThrown', () => {
  it('names errors and shows other thrown values', () => {
    expect(describeThrown(new TypeError('x is not a function'))).toBe('TypeError: x is not a function');
    expect(describeThrown({code: 14})).toBe('Uncaught {"code":14}');
    expect(describeThrown(42)).toBe('Uncaught 42');
  });
});
