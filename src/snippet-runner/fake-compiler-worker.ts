import type {CompilerWorkerLike} from './compiler';
import type {CompileReply, CompileRequest} from './protocol';
import {transpileSnippet} from './transpile';

/**
 * The compiler's worker in unit tests: answers with the real transpiler when
 * the test says so (`answer`), or by itself a microtask after each request.
 */
export class FakeCompilerWorker implements CompilerWorkerLike {
  onmessage: CompilerWorkerLike['onmessage'] = null;
  onerror: CompilerWorkerLike['onerror'] = null;
  requests: CompileRequest[] = [];
  terminated = false;

  constructor(private readonly answersByItself = false) {}

  postMessage(message: CompileRequest): void {
    this.requests.push(message);
    if (this.answersByItself) queueMicrotask(() => this.answer());
  }

  terminate(): void {
    this.terminated = true;
  }

  answer(): void {
    for (const {id, sources} of this.requests.splice(0)) {
      this.onmessage?.({data: {id, results: sources.map(transpileSnippet)}} as MessageEvent<CompileReply>);
    }
  }
}
