import type {SnippetApi} from '../snippet-runner/snippet-runtime';

// Compile-time only: fails `npm run typecheck` when the runtime given to
// snippets drifts from the types the editor shows (snippet-api.d.ts).
declare const runtime: SnippetApi;
export const conformance: Array<unknown> = [
  ((value: typeof router) => value)(runtime.router),
  ((value: typeof tenant) => value)(runtime.tenant),
  ((value: typeof ledger) => value)(runtime.ledger),
  ((value: typeof fault) => value)(runtime.fault),
  ((value: typeof sleep) => value)(runtime.sleep),
  ((value: typeof now) => value)(runtime.now),
  ((value: typeof log) => value)(runtime.log),
  ((value: typeof chart) => value)(runtime.chart),
  ((value: typeof codeName) => value)(runtime.codeName as (code: Code) => string),
];
