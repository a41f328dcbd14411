import {resolve} from 'node:path';
import type {Plugin} from '@docusaurus/types';
import {standInPlugin} from './stand-in';

/** Matches monaco-editor's module `path` (under esm/vs), on any platform. */
const monacoModule = (path: string) =>
  new RegExp(`[\\\\/]monaco-editor[\\\\/]esm[\\\\/]vs[\\\\/]${path.replace(/\./g, '\\.').replace(/\//g, '[\\\\/]')}$`);
const anyOf = (...patterns: RegExp[]) => new RegExp(patterns.map((pattern) => pattern.source).join('|'));

const standaloneServices = monacoModule('editor/standalone/browser/standaloneServices.js');
const stubFile = (name: string) => resolve(__dirname, `monaco-stubs/${name}.ts`);

export interface MonacoStub {
  module: RegExp;
  stub: string;
  /** Only these modules' imports get the stub: the editing features import the module itself. */
  importedBy?: RegExp;
}

/** Monaco's modules that the editor's first paint does without, each with the small module that replaces it. */
export const monacoStubs: ReadonlyArray<MonacoStub> = [
  {module: monacoModule('editor/browser/widget/diffEditor/diffEditorWidget.js'), stub: stubFile('diff-editor')},
  {
    module: monacoModule('editor/browser/widget/multiDiffEditor/multiDiffEditorWidget.js'),
    stub: stubFile('diff-editor'),
  },
  // Used only with options or languages the playground does not have.
  ...[
    'gpu/viewGpuContext.js',
    'viewParts/viewLinesGpu/viewLinesGpu.js',
    'viewParts/rulersGpu/rulersGpu.js',
    'viewParts/gpuMark/gpuMark.js',
  ].map((path) => ({module: monacoModule(`editor/browser/${path}`), stub: stubFile('gpu')})),
  {
    module: monacoModule('editor/common/model/tokens/treeSitter/treeSitterSyntaxTokenBackend.js'),
    stub: stubFile('tree-sitter'),
  },
  {module: monacoModule('editor/browser/viewParts/minimap/minimap.js'), stub: stubFile('minimap')},
  // Services the core registers but nothing uses before the editing
  // features, which register the real ones (monaco-features.ts).
  {
    module: monacoModule('editor/standalone/browser/quickInput/standaloneQuickInputService.js'),
    stub: stubFile('quick-input'),
    importedBy: standaloneServices,
  },
  {
    module: monacoModule('platform/list/browser/listService.js'),
    stub: stubFile('list-service'),
    importedBy: standaloneServices,
  },
  // Called only by the editing features, which bring the real modules: these forward to them.
  {
    module: monacoModule('platform/contextview/browser/contextMenuService.js'),
    stub: stubFile('context-menu'),
    importedBy: standaloneServices,
  },
  {
    module: monacoModule('base/browser/markdownRenderer.js'),
    stub: stubFile('markdown'),
    importedBy: anyOf(
      standaloneServices,
      monacoModule('base/browser/ui/selectBox/selectBoxCustom.js'),
      monacoModule('platform/markdown/browser/markdownRenderer.js'),
    ),
  },
  {
    module: monacoModule('base/browser/ui/selectBox/selectBox.js'),
    stub: stubFile('select-box'),
    importedBy: anyOf(
      monacoModule('base/browser/ui/actionbar/actionViewItems.js'),
      monacoModule('platform/actions/browser/menuEntryActionViewItem.js'),
    ),
  },
  {
    module: monacoModule('editor/common/services/editorWebWorker.js'),
    stub: stubFile('editor-worker'),
    importedBy: monacoModule('editor/browser/services/editorWorkerService.js'),
  },
];

/** The stub for a relative import of `request` by the module `issuer` (in `context`), if it has one. */
export function stubFor(request: string, context: string, issuer: string): string | undefined {
  const path = resolve(context, request);
  return monacoStubs.find(({module, importedBy}) => module.test(path) && (importedBy?.test(issuer) ?? true))?.stub;
}

/**
 * monaco-editor's API imports modules whether a page uses them or not, and a
 * reader's browser downloads, parses and runs all of them before the editor
 * shows. This swaps those the first paint does without for stubs, in the
 * client build (the server build renders no editor).
 */
export default function monacoStubsPlugin(): Plugin {
  // Monaco's modules import each other by relative path.
  return standInPlugin('beamline-monaco-stubs', /^\.\.?\//, ({request, context, contextInfo}) =>
    stubFor(request, context, contextInfo.issuer),
  );
}
