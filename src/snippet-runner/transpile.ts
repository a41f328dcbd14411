import {transform} from 'sucrase';

export type TranspileResult = {ok: true; code: string} | {ok: false; message: string; line?: number; column?: number};

interface SucraseSyntaxError extends Error {
  loc?: {line: number; column: number};
}

/**
 * Strips TypeScript syntax and nothing else. Sucrase keeps every line where it
 * was, so a runtime error's line in the generated module is the line the
 * reader sees in the editor — no source map needed.
 */
export function transpileSnippet(source: string): TranspileResult {
  try {
    const {code} = transform(source, {
      transforms: ['typescript'],
      disableESTransforms: true,
    });
    return {ok: true, code};
  } catch (error) {
    const syntaxError = error as SucraseSyntaxError;
    const message = syntaxError.message.replace(/\s*\(\d+:\d+\)$/, '');
    return {
      ok: false,
      message: `SyntaxError: ${message}`,
      line: syntaxError.loc?.line,
      column: syntaxError.loc?.column,
    };
  }
}
