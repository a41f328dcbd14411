export interface SourceLocation {
  line: number;
  column: number;
}

/**
 * Finds where in the snippet an error was thrown, from its stack. The snippet
 * runs as its own module (a blob: URL), so the first stack frame naming that
 * URL is the reader's line; frames from the runtime or libraries are skipped.
 */
export function locateInSnippet(error: unknown, moduleUrl: string): SourceLocation | undefined {
  const stack = error instanceof Error ? error.stack : undefined;
  if (!stack) return undefined;
  let from = stack.indexOf(moduleUrl);
  while (from !== -1) {
    const match = /^:(\d+):(\d+)/.exec(stack.slice(from + moduleUrl.length));
    if (match) return {line: Number(match[1]), column: Number(match[2])};
    from = stack.indexOf(moduleUrl, from + moduleUrl.length);
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
