import {describe, expect, it} from 'vitest';
import {transpileSnippet} from './transpile';

describe('transpileSnippet', () => {
  it('strips types and keeps every line where it was', () => {
    const source =
      'const a: number = 1;\n\nfunction f(x: string): void {}\nawait sleep(1);\nthrow new Error("line 5");\n';
    const result = transpileSnippet(source);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const lines = result.code.split('\n');
    expect(lines[0]).toBe('const a = 1;');
    expect(lines[2]).toBe('function f(x) {}');
    expect(lines[4]).toBe('throw new Error("line 5");');
  });

  it('reports a syntax error with its line and column', () => {
    const result = transpileSnippet('const ok = 1;\nlet broken = (;\n');
    expect(result).toMatchObject({ok: false, line: 2});
    if (result.ok) return;
    expect(result.message).toMatch(/^SyntaxError: Unexpected token$/);
    expect(result.column).toBeGreaterThan(0);
  });

  it('drops type-only imports so the snippet needs no module resolution', () => {
    const result = transpileSnippet("import type {X} from 'somewhere';\nconst x: X = 1 as X;\n");
    expect(result).toMatchObject({ok: true});
    if (result.ok) expect(result.code).not.toContain('somewhere');
  });
});
