/// <reference lib="webworker" />
import {describeThrown, locateInFiles} from './error-location';
import {LinkError, linkModules} from './module-linker';
import {createOutbox} from './outbox';
import type {PageMessage, RunRequest, WorkerMessage} from './protocol';
import {runtimeModules} from './runtime-modules';
import {createSnippetRuntime, type SnippetApi} from './snippet-runtime';
import {transpileSnippet} from './transpile';
import {warmUp} from './warm-up';

/*
 * One worker runs one snippet and is then thrown away: the page terminates it
 * to stop a run, so nothing here needs to be cancellable or reusable. The page
 * starts it ahead of the Run (a spare), so it warms up while it waits and the
 * run's clock starts with the request.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;
const toUrl = (code: string) => URL.createObjectURL(new Blob([code], {type: 'text/javascript'}));
const modules = runtimeModules(toUrl);
// A failed warm-up costs only speed: the run does the same work itself.
const warm = warmUp().catch(() => undefined);

let runtime: SnippetApi | undefined;

scope.addEventListener('message', (event: MessageEvent<PageMessage>) => {
  if (event.data?.type === 'run' && !runtime) void run(event.data);
  if (event.data?.type === 'fault') runtime?.fault(event.data.spec);
});

async function run(request: RunRequest): Promise<void> {
  const started = performance.now();
  const clock = () => performance.now() - started;
  const outbox = createOutbox({post: (events: WorkerMessage) => scope.postMessage(events), clock});
  const api = createSnippetRuntime({
    apiBaseUrl: request.apiBaseUrl,
    session: request.session,
    ...(request.room ? {room: request.room} : {}),
    emit: outbox.emit,
    clock,
  });
  runtime = api;
  api.fault(request.fault ?? null);
  await warm;

  let fileByUrl = new Map<string, string>();
  const fail = (error: unknown) =>
    outbox.finish({type: 'error', message: describeThrown(error), ...locateInFiles(error, fileByUrl), t: api.now()});

  const files: Record<string, string> = {};
  for (const [file, source] of Object.entries(request.files)) {
    const result = transpileSnippet(source);
    if (!result.ok) {
      const {message, line, column} = result;
      outbox.finish({type: 'error', message, file, line, column, t: api.now()});
      return;
    }
    files[file] = result.code;
  }
  const {logger, ...globals} = api;
  Object.assign(scope, globals);
  Object.assign(console, {...logger, debug: logger.log});

  // A promise the snippet forgot to await can still reject; report it rather
  // than letting the run look successful.
  scope.addEventListener('unhandledrejection', (event) => {
    event.preventDefault();
    fail(event.reason);
  });
  try {
    const linked = await linkModules({files, entry: request.entry, external: modules.resolve, toUrl});
    fileByUrl = linked.fileByUrl;
    await import(/* webpackIgnore: true */ linked.entryUrl);
    outbox.finish({type: 'done', t: api.now()});
  } catch (error) {
    if (error instanceof LinkError)
      outbox.finish({type: 'error', message: error.message, file: error.file, t: api.now()});
    else fail(error);
  }
}
