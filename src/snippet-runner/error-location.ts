export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

/**
 * Finds where in the reader's files an error was thrown, from its stack. Each
 * file runs as its own module (a blob: URL), so the first stack frame naming
 * one of those URLs is the reader's line; frames from the runtime or
 * libraries are skipped. `firstLineShift`: how many characters the module
 * has before the reader's first line (the worker's gate), not counted in
 * its columns.
 */
export function locateInFiles(
  error: unknown,
  fileByUrl: ReadonlyMap<string, string>,
  firstLineShift = 0,
): SourceLocation | undefined {
  const stack = error instanceof Error ? error.stack : undefined;
  if (!stack) return undefined;
  for (const frame of stack.split('\n')) {
    for (const [url, file] of fileByUrl) {
      const at = frame.indexOf(url);
      if (at === -1) continue;
      const match = /^:(\d+):(\d+)/.exec(frame.slice(at + url.length));
      if (!match) continue;
      const [line, column] = [Number(match[1]), Number(match[2])];
      return {file, line, column: line === 1 ? Math.max(1, column - firstLineShift) : column};
    }
  }
  return undefined;
}

/** `Error: message` for errors, the value itself for anything else thrown. */
export function describeThrown(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  try {
    return `Uncaught ${JSON.stringify(error)}`;
  } catch {
    return `Uncaught ${String(error)}`;
  }
}
