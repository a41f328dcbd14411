/*
 * Stands in for Monaco's tree-sitter tokenization (~90 KB of source), which
 * every text model imports but uses only for the languages the tree-sitter
 * service supports: in the standalone editor, none.
 */
export class TreeSitterSyntaxTokenBackend {
  constructor() {
    throw new Error("Monaco's standalone editor has no tree-sitter grammars (see src/plugins/monaco-stubs.ts)");
  }
}
