/// <reference lib="webworker" />
import {describeThrown, locateInFiles} from './error-location';
import {LinkError, linkModules} from './module-linker';
import type {PageMessage, RunRequest, WorkerEvent} from './protocol';
import {runtimeModules} from './runtime-modules';
import {createSnippetRuntime} from './snippet-runtime';
import {transpileSnippet} from './transpile';

/*
 * One worker runs one snippet and is then thrown away: the page terminates it
 * to stop a run, so nothing here needs to be cancellable or reusable.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;
const started = performance.now();
const elapsed = () => Math.round((performance.now() - started) * 10) / 10;
const post = (event: WorkerEvent) => scope.postMessage(event);
const toUrl = (code: string) => URL.createObjectURL(new Blob([code], {type: 'text/javascript'}));

let setFault: ((spec: string | null) => void) | undefined;

scope.addEventListener('message', (event: MessageEvent<PageMessage>) => {
  if (event.data?.type === 'run' && !setFault) void run(event.data);
  if (event.data?.type === 'fault') setFault?.(event.data.spec);
});

function transpileAll(files: Record<string, string>): Record<string, string> | undefined {
  const output: Record<string, string> = {};
  for (const [file, source] of Object.entries(files)) {
    const result = transpileSnippet(source);
    if (!result.ok) {
      post({type: 'error', message: result.message, file, line: result.line, column: result.column, t: elapsed()});
      return undefined;
    }
    output[file] = result.code;
  }
  return output;
}

async function run(request: RunRequest): Promise<void> {
  const runtime = createSnippetRuntime({
    apiBaseUrl: request.apiBaseUrl,
    session: request.session,
    ...(request.room ? {room: request.room} : {}),
    emit: post,
  });
  setFault = runtime.fault;
  runtime.fault(request.fault ?? null);
  const files = transpileAll(request.files);
  if (!files) return;
  const {logger, ...globals} = runtime;
  Object.assign(scope, globals);
  Object.assign(console, {...logger, debug: logger.log});

  let fileByUrl = new Map<string, string>();
  const fail = (error: unknown) =>
    post({type: 'error', message: describeThrown(error), ...locateInFiles(error, fileByUrl), t: elapsed()});
  // A promise the snippet forgot to await can still reject; report it rather
  // than letting the run look successful.
  scope.addEventListener('unhandledrejection', (event) => {
    event.preventDefault();
    fail(event.reason);
  });
  try {
    const linked = await linkModules({files, entry: request.entry, external: runtimeModules(toUrl), toUrl});
    fileByUrl = linked.fileByUrl;
    await import(/* webpackIgnore: true */ linked.entryUrl);
    post({type: 'done', t: elapsed()});
  } catch (error) {
    if (error instanceof LinkError) post({type: 'error', message: error.message, file: error.file, t: elapsed()});
    else fail(error);
  }
}
