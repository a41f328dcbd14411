/// <reference lib="webworker" />
import {describeThrown, locateInSnippet} from './error-location';
import type {RunRequest, WorkerEvent} from './protocol';
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

scope.addEventListener('message', (event: MessageEvent<RunRequest>) => {
  if (event.data?.type === 'run') void run(event.data);
}, {once: true});

async function run(request: RunRequest): Promise<void> {
  const transpiled = transpileSnippet(request.code);
  if (!transpiled.ok) {
    post({type: 'error', message: transpiled.message, line: transpiled.line, column: transpiled.column, t: elapsed()});
    return;
  }
  const runtime = createSnippetRuntime({apiBaseUrl: request.apiBaseUrl, session: request.session, emit: post});
  const {logger, ...globals} = runtime;
  Object.assign(scope, globals);
  Object.assign(console, {...logger, debug: logger.log});

  const moduleUrl = URL.createObjectURL(new Blob([transpiled.code], {type: 'text/javascript'}));
  const fail = (error: unknown) =>
    post({type: 'error', message: describeThrown(error), ...locateInSnippet(error, moduleUrl), t: elapsed()});
  // A promise the snippet forgot to await can still reject; report it rather
  // than letting the run look successful.
  scope.addEventListener('unhandledrejection', (event) => {
    event.preventDefault();
    fail(event.reason);
  });
  try {
    await import(/* webpackIgnore: true */ moduleUrl);
    post({type: 'done', t: elapsed()});
  } catch (error) {
    fail(error);
  } finally {
    URL.revokeObjectURL(moduleUrl);
  }
}
