/// <reference lib="webworker" />
import {describeThrown, locateInFiles} from './error-location';
import {LinkError, linkModules} from './module-linker';
import {createOutbox} from './outbox';
import type {PageMessage, RunRequest, WorkerMessage} from './protocol';
import {runtimeModules} from './runtime-modules';
import {createSnippetRuntime, type SnippetApi} from './snippet-runtime';
import {warmUp} from './warm-up';

/*
 * One worker runs one snippet and is then thrown away: the page terminates it
 * to stop a run, so nothing here needs to be cancellable or reusable. The page
 * starts it ahead of the Run (a spare), so it warms up while it waits — and
 * links the code the page expects the Run to bring (`expect`) — and the
 * run's clock starts with the request. The page compiles the TypeScript
 * (compiler.ts): the code here is JavaScript.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;
const toUrl = (code: string) => URL.createObjectURL(new Blob([code], {type: 'text/javascript'}));
const modules = runtimeModules(toUrl);
// A failed warm-up costs only speed: the run does the same work itself.
const warm = warmUp().catch(() => undefined);

/*
 * A spare imports the code it expects ahead, so the loading — a request to
 * the browser for each module's blob, its parse and linking — is done before
 * the Run, which then only runs it. Each of those modules first waits on a
 * gate of its own (on its first line, so every other line stays where it
 * was), which only a Run that brings that code opens: a Run of other code
 * imports its own, and the modules expected never run.
 */
const gates: Record<string, Promise<void>> = {};
(globalThis as Record<string, unknown>).__beamlineGates = gates;
let gateCount = 0;

let runtime: SnippetApi | undefined;
let expected: {key: string; modules: Promise<Linked>} | undefined;

scope.addEventListener('message', (event: MessageEvent<PageMessage>) => {
  if (event.data?.type === 'run' && !runtime) void run(event.data);
  if (event.data?.type === 'fault') runtime?.fault(event.data.spec);
  if (event.data?.type === 'expect' && !runtime) {
    const {code, entry} = event.data;
    expected = {key: runKey(code, entry), modules: linkAhead(code, entry)};
    // A failure here is the run's to report, if the run brings this code.
    expected.modules.catch(() => undefined);
  }
});

const runKey = (code: Record<string, string>, entry: string) => JSON.stringify([entry, code]);

/**
 * A snippet's files as linked modules, or what is wrong with their imports,
 * for the output. `shift`: the characters before each file's first line (a
 * gate); `ahead`: imported ahead, held at their gate until `start`.
 */
type Linked =
  | {
      ok: true;
      entryUrl: string;
      fileByUrl: Map<string, string>;
      shift: number;
      ahead?: {loaded: Promise<unknown>; start(): void};
    }
  | {ok: false; message: string; file: string};

async function link(code: Record<string, string>, entry: string, prefix = ''): Promise<Linked> {
  await warm;
  const files = Object.fromEntries(Object.entries(code).map(([file, text]) => [file, prefix + text]));
  try {
    const linked = await linkModules({files, entry, external: modules.resolve, toUrl});
    return {ok: true, ...linked, shift: prefix.length};
  } catch (error) {
    if (error instanceof LinkError) return {ok: false, message: error.message, file: error.file};
    throw error;
  }
}

async function linkAhead(code: Record<string, string>, entry: string): Promise<Linked> {
  const gate = `g${gateCount++}`;
  let start = () => {};
  gates[gate] = new Promise<void>((resolve) => {
    start = resolve;
  });
  const linked = await link(code, entry, `await globalThis.__beamlineGates.${gate};`);
  if (!linked.ok) return linked;
  const loaded = import(/* webpackIgnore: true */ linked.entryUrl);
  // A module that fails to load is the run's to report, if the run brings it.
  loaded.catch(() => undefined);
  return {...linked, ahead: {loaded, start}};
}

async function run(request: RunRequest): Promise<void> {
  const started = performance.now();
  const clock = () => performance.now() - started;
  const outbox = createOutbox({post: (events: WorkerMessage) => scope.postMessage(events), clock});
  // Whether the page should ask if the server is still there once the run ends.
  let unanswered: {unanswered?: true} = {};
  const api = createSnippetRuntime({
    apiBaseUrl: request.apiBaseUrl,
    session: request.session,
    ...(request.room ? {room: request.room} : {}),
    emit: outbox.emit,
    clock,
    unanswered: () => {
      unanswered = {unanswered: true};
    },
  });
  runtime = api;
  api.fault(request.fault ?? null);

  let fileByUrl = new Map<string, string>();
  let shift = 0;
  const fail = (error: unknown) =>
    outbox.finish({
      type: 'error',
      message: describeThrown(error),
      ...locateInFiles(error, fileByUrl, shift),
      t: api.now(),
      ...unanswered,
    });

  // A promise the snippet forgot to await can still reject; report it rather
  // than letting the run look successful.
  scope.addEventListener('unhandledrejection', (event) => {
    event.preventDefault();
    fail(event.reason);
  });
  try {
    const ahead = expected?.key === runKey(request.code, request.entry) ? expected.modules : undefined;
    const linked = await (ahead ?? link(request.code, request.entry));
    if (!linked.ok) {
      const {ok, ...problem} = linked;
      outbox.finish({type: 'error', ...problem, t: api.now()});
      return;
    }
    ({fileByUrl, shift} = linked);
    const {logger, ...globals} = api;
    Object.assign(scope, globals);
    Object.assign(console, {...logger, debug: logger.log});
    linked.ahead?.start();
    await (linked.ahead?.loaded ?? import(/* webpackIgnore: true */ linked.entryUrl));
    outbox.finish({type: 'done', t: api.now(), ...unanswered});
  } catch (error) {
    fail(error);
  }
}
