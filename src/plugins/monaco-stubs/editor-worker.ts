/*
 * Stands in for Monaco's editor worker code (links, word suggestions, diffs
 * for formatting edits; ~200 KB of source) in the editor core, which imports
 * it only to run it on the page when the worker cannot start. The features
 * that ask the worker anything bring the real one.
 */
import {fromFeatures} from '@site/src/plugins/monaco-stubs/from-features';

export class EditorWorker {
  constructor(...args: unknown[]) {
    // biome-ignore lint/correctness/noConstructorReturn: `new` gives the real class's object
    return new (fromFeatures('editorWebWorker').EditorWorker)(...args);
  }
}
