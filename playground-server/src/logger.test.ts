import {Writable} from 'node:stream';
import {setImmediate as nextTurn} from 'node:timers/promises';
import {describe, expect, it} from 'vitest';
import {createLogger, type LogLevel, streamWriter} from './logger.js';

function capture(format: 'json' | 'text', level: LogLevel) {
  const lines: {line: string; level: LogLevel}[] = [];
  const logger = createLogger({
    format,
    level,
    write: (line, lineLevel) => lines.push({line, level: lineLevel}),
    now: () => new Date('2026-01-02T03:04:05.000Z'),
  });
  return {logger, lines};
}

describe('createLogger', () => {
  it('writes one JSON object per line, with the fields and the correlation id', () => {
    const {logger, lines} = capture('json', 'debug');
    logger.debug('rpc', {method: 'Decide', correlation_id: 'c-1', count: 3n});
    expect(JSON.parse(lines[0]!.line)).toEqual({
      time: '2026-01-02T03:04:05.000Z',
      level: 'debug',
      msg: 'rpc',
      method: 'Decide',
      correlation_id: 'c-1',
      count: '3',
    });
  });

  it("puts an error's message and stack in the log line, not elsewhere", () => {
    const {logger, lines} = capture('json', 'info');
    logger.error('handler failed', new TypeError('boom'), {correlation_id: 'c-2'});
    const entry = JSON.parse(lines[0]!.line);
    expect(entry).toMatchObject({level: 'error', msg: 'handler failed', correlation_id: 'c-2'});
    expect(entry.error).toMatchObject({name: 'TypeError', message: 'boom'});
    expect(entry.error.stack).toContain('TypeError: boom');
    expect(lines[0]!.line).not.toContain('\n');
  });

  it('drops lines below the level', () => {
    const {logger, lines} = capture('json', 'warn');
    logger.debug('a');
    logger.info('b');
    logger.warn('c');
    logger.error('d');
    expect(lines.map((entry) => entry.level)).toEqual(['warn', 'error']);
  });

  it('writes text for a terminal: key=value pairs, quoted when they hold spaces', () => {
    const {logger, lines} = capture('text', 'debug');
    logger.warn('upstream failed', {code: 'unavailable', message: 'no route to host', skipped: undefined});
    expect(lines[0]!.line).toBe('warn: upstream failed code=unavailable message="no route to host"');
  });
});

describe('streamWriter', () => {
  it('drops the lines after the stream failed (EPIPE: nobody reads it), with no uncaught error', async () => {
    const written: string[] = [];
    const closedPipe = new Writable({
      write(chunk, _encoding, done) {
        written.push(String(chunk));
        done(Object.assign(new Error('write EPIPE'), {code: 'EPIPE'}));
      },
    });
    const write = streamWriter(closedPipe);
    write('first\n');
    await nextTurn();
    write('second\n');
    write('third\n');
    await nextTurn();
    expect(written).toEqual(['first\n']);
  });
});
