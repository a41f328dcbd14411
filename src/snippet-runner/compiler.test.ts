import {describe, expect, it} from 'vitest';
import {borrowPageCompiler, SnippetCompiler} from './compiler';
import {FakeCompilerWorker} from './fake-compiler-worker';

function harness() {
  const workers: FakeCompilerWorker[] = [];
  const compiler = new SnippetCompiler(() => {
    const worker = new FakeCompilerWorker();
    workers.push(worker);
    return worker;
  });
  return {compiler, workers};
}

describe('SnippetCompiler', () => {
  it('compiles in its worker, then answers the same sources from what it kept, under any file name', async () => {
    const {compiler, workers} = harness();
    expect(compiler.cached({'main.ts': 'const a: number = 1;'})).toBeUndefined();
    const compiled = compiler.compile({'main.ts': 'const a: number = 1;'});
    workers[0].answer();
    expect(await compiled).toEqual({'main.ts': {ok: true, code: 'const a = 1;'}});
    expect(compiler.cached({'copy.ts': 'const a: number = 1;'})).toEqual({'copy.ts': {ok: true, code: 'const a = 1;'}});
    expect(compiler.cached({'main.ts': 'const a: number = 1;', 'other.ts': 'log(2)'})).toBeUndefined();
  });

  it('asks its worker once for a source wanted again before the answer came', async () => {
    const {compiler, workers} = harness();
    const first = compiler.compile({'main.ts': 'log(1)'});
    const second = compiler.compile({'main.ts': 'log(1)', 'b.ts': 'log(2)'});
    expect(workers[0].requests.map((request) => request.sources)).toEqual([['log(1)'], ['log(2)']]);
    workers[0].answer();
    expect(await first).toEqual({'main.ts': {ok: true, code: 'log(1)'}});
    expect(await second).toEqual({'main.ts': {ok: true, code: 'log(1)'}, 'b.ts': {ok: true, code: 'log(2)'}});
  });

  it('keeps the 200 sources used last', async () => {
    const {compiler, workers} = harness();
    const sources = Array.from({length: 201}, (_, index) => `log(${index})`);
    const compiled = compiler.compile(Object.fromEntries(sources.map((source) => [source, source])));
    workers[0].answer();
    await compiled;
    expect(compiler.cached({'main.ts': 'log(0)'})).toBeUndefined();
    expect(compiler.cached({'main.ts': 'log(1)'})).toBeDefined();
    // log(1) was just used, so log(2) is now the oldest.
    const next = compiler.compile({'main.ts': 'log(201)'});
    workers[0].answer();
    await next;
    expect(compiler.cached({'main.ts': 'log(2)'})).toBeUndefined();
    expect(compiler.cached({'main.ts': 'log(1)'})).toBeDefined();
  });

  it('fails what waits on a worker that failed, and starts a new one for the next', async () => {
    const {compiler, workers} = harness();
    const compiled = compiler.compile({'main.ts': 'log(1)'});
    workers[0].onerror?.({message: 'Uncaught SyntaxError', preventDefault() {}} as ErrorEvent);
    await expect(compiled).rejects.toThrow('Uncaught SyntaxError');
    expect(workers[0].terminated).toBe(true);
    const again = compiler.compile({'main.ts': 'log(1)'});
    workers[1].answer();
    expect(await again).toEqual({'main.ts': {ok: true, code: 'log(1)'}});
  });
});

describe('borrowPageCompiler', () => {
  it("lends every playground the page's one compiler, and ends its worker when the last gives it back", async () => {
    const workers: FakeCompilerWorker[] = [];
    const createWorker = () => {
      const worker = new FakeCompilerWorker(true);
      workers.push(worker);
      return worker;
    };
    const first = borrowPageCompiler(createWorker);
    const second = borrowPageCompiler(createWorker);
    expect(second.compiler).toBe(first.compiler);
    await first.compiler.compile({'main.ts': 'log(1)'});
    expect(second.compiler.cached({'other.ts': 'log(1)'})).toEqual({'other.ts': {ok: true, code: 'log(1)'}});
    expect(workers).toHaveLength(1);

    first.release();
    first.release();
    expect(workers[0].terminated).toBe(false);
    second.release();
    expect(workers[0].terminated).toBe(true);

    const next = borrowPageCompiler(createWorker);
    expect(next.compiler).not.toBe(first.compiler);
    next.release();
  });
});
