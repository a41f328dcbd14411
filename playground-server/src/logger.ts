/** Context for one log line: correlation id, method, code, … */
export type LogFields = Readonly<Record<string, unknown>>;

/** Where the server reports what it is doing; tests pass a silent one. */
export interface Logger {
  /** One line per RPC (the access log); shown only with LOG_LEVEL=debug. */
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  /** Something went wrong that is not the server's bug, e.g. the upstream is down. */
  warn(message: string, fields?: LogFields): void;
  error(message: string, cause?: unknown, fields?: LogFields): void;
}

export type LogFormat = 'json' | 'text';
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

export interface LoggerOptions {
  /** json: one object per line for a log collector; text: for a person at a terminal. */
  readonly format: LogFormat;
  /** Lines below this level are dropped. */
  readonly level: LogLevel;
  /** Where lines go; stdout and stderr (by level) by default. */
  readonly write?: (line: string, level: LogLevel) => void;
  readonly now?: () => Date;
}

/**
 * Writes to a stream until it fails, then drops what comes after. When
 * whoever read the server's output is gone — a closed terminal, a killed
 * parent — a write fails with EPIPE, which a stream emits as an 'error'
 * event; unheard, that is an uncaught exception, which main.ts logs to the
 * same stream, which fails again on the next tick: a loop that starved the
 * event loop, so the server answered nothing and never exited, at 100 % of
 * a core.
 */
export function streamWriter(stream: Pick<NodeJS.WritableStream, 'write' | 'on'>): (text: string) => void {
  let failed = false;
  stream.on('error', () => {
    failed = true;
  });
  return (text) => {
    if (!failed) stream.write(text);
  };
}

let standardStreams: {readonly out: (text: string) => void; readonly err: (text: string) => void} | undefined;

function writeToStandardStreams(line: string, level: LogLevel): void {
  standardStreams ??= {out: streamWriter(process.stdout), err: streamWriter(process.stderr)};
  (level === 'error' || level === 'warn' ? standardStreams.err : standardStreams.out)(`${line}\n`);
}

export function createLogger(options: LoggerOptions): Logger {
  const threshold = LOG_LEVELS.indexOf(options.level);
  const write = options.write ?? writeToStandardStreams;
  const now = options.now ?? (() => new Date());
  const render = options.format === 'json' ? jsonLine : textLine;
  const log = (level: LogLevel, message: string, fields: LogFields | undefined, cause?: unknown) => {
    if (LOG_LEVELS.indexOf(level) >= threshold) {
      write(render(now(), level, message, fields ?? {}, cause), level);
    }
  };
  return {
    debug: (message, fields) => log('debug', message, fields),
    info: (message, fields) => log('info', message, fields),
    warn: (message, fields) => log('warn', message, fields),
    error: (message, cause, fields) => log('error', message, fields, cause),
  };
}

function jsonLine(time: Date, level: LogLevel, message: string, fields: LogFields, cause: unknown): string {
  const entry: Record<string, unknown> = {time: time.toISOString(), level, msg: message, ...fields};
  if (cause !== undefined) {
    entry.error = describeCause(cause);
  }
  return JSON.stringify(entry, (_key, value: unknown) => (typeof value === 'bigint' ? String(value) : value));
}

function textLine(_time: Date, level: LogLevel, message: string, fields: LogFields, cause: unknown): string {
  const pairs = Object.entries(fields)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${typeof value === 'string' && !/\s/.test(value) ? value : JSON.stringify(value)}`);
  const head = [level === 'info' ? '' : `${level}:`, message, ...pairs].filter((part) => part !== '').join(' ');
  if (cause === undefined) {
    return head;
  }
  const {stack, message: causeMessage} = describeCause(cause);
  return `${head}\n${stack ?? causeMessage}`;
}

/** The server's own log may carry stacks; a client's answer never does. */
function describeCause(cause: unknown): {name?: string; message: string; stack?: string} {
  if (cause instanceof Error) {
    return {name: cause.name, message: cause.message, ...(cause.stack ? {stack: cause.stack} : {})};
  }
  return {message: String(cause)};
}

/** Text at info level: what `npm start` on a laptop shows. */
export const consoleLogger: Logger = createLogger({format: 'text', level: 'info'});

export const silentLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
};
