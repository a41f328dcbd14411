/// <reference lib="webworker" />
import type {CompileReply, CompileRequest} from './protocol';
import {transpileSnippet} from './transpile';

/*
 * The page's one long-lived compiler. Sucrase is loaded and warmed here,
 * once per page, rather than in every run's fresh worker: it was about half
 * of a spare worker's start-up, and a spare starts at each Run.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.addEventListener('message', (event: MessageEvent<CompileRequest>) => {
  const {id, sources} = event.data;
  scope.postMessage({id, results: sources.map(transpileSnippet)} satisfies CompileReply);
});
