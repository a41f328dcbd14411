import {resolve} from 'node:path';
import type {Plugin} from '@docusaurus/types';

/** Matches monaco-editor's module `path` (under esm/vs), on any platform. */
const monacoModule = (path: string) =>
  new RegExp(`[\\\\/]monaco-editor[\\\\/]esm[\\\\/]vs[\\\\/]${path.replace(/\./g, '\\.').replace(/\//g, '[\\\\/]')}$`);

const diffEditorStub = resolve(__dirname, 'monaco-stubs/diff-editor.ts');

/** Monaco's modules that the playground never uses, each with the small module that replaces it. */
export const monacoStubs: ReadonlyArray<{module: RegExp; stub: string}> = [
  {module: monacoModule('editor/browser/widget/diffEditor/diffEditorWidget.js'), stub: diffEditorStub},
  {module: monacoModule('editor/browser/widget/multiDiffEditor/multiDiffEditorWidget.js'), stub: diffEditorStub},
];

/**
 * monaco-editor's API imports modules whether a page uses them or not, and a
 * reader's browser downloads, parses and runs all of them before the editor
 * shows. This swaps those the playground never uses for stubs, in the client
 * build (the server build renders no editor).
 */
export default function monacoStubsPlugin(): Plugin {
  return {
    name: 'beamline-monaco-stubs',
    configureWebpack(_config, isServer, {currentBundler}) {
      if (isServer) return {};
      return {
        plugins: monacoStubs.map(
          ({module, stub}) => new currentBundler.instance.NormalModuleReplacementPlugin(module, stub),
        ),
      };
    },
  };
}
