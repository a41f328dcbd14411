/*
 * Stands in for Monaco's diff editors (diffEditorWidget and
 * multiDiffEditorWidget, with the ~100 modules behind them), which
 * monaco-editor's API imports whether a page makes a diff editor or not. The
 * playground never does: `monaco.editor.createDiffEditor` throws instead.
 */
class NoDiffEditor {
  constructor() {
    throw new Error('This build of Monaco has no diff editor (see src/plugins/monaco-stubs.ts)');
  }
}

export {NoDiffEditor as DiffEditorWidget, NoDiffEditor as MultiDiffEditorWidget};
