import * as monaco from './monaco-slim';
import snippetApiTypes from '!!raw-loader!./snippet-api.d.ts';
import connectTypes from '!!raw-loader!./connect-types.d.ts';
import {DARK_THEME, darkTheme} from './editor-themes';
import {conf as tsConfiguration, language as tsTokens} from 'monaco-editor/languages/definitions/typescript/typescript';
import {librarySources} from './library-sources';
import {getEditorFeatures} from 'monaco-editor/editor/common/editorFeatures';
import {StandaloneEditor} from 'monaco-editor/editor/standalone/browser/standaloneCodeEditor';
import {StandaloneServices} from 'monaco-editor/editor/standalone/browser/standaloneServices';
import {getSingletonServiceDescriptors} from 'monaco-editor/platform/instantiation/common/extensions';
import type {IInstantiationService} from 'monaco-editor/platform/instantiation/common/instantiation';
import {ServiceCollection} from 'monaco-editor/platform/instantiation/common/serviceCollection';
import type {TextModel} from 'monaco-editor/editor/common/model/textModel';

/* Reached only through React.lazy inside <BrowserOnly>: Monaco touches `window` when imported. */
self.MonacoEnvironment = {
  getWorker(_workerId: string, label: string) {
    if (label === 'typescript' || label === 'javascript') {
      return new Worker(new URL('monaco-editor/languages/features/typescript/ts.worker', import.meta.url), {
        type: 'module',
        name: 'monaco-typescript',
      });
    }
    return new Worker(new URL('monaco-editor/editor/editor.worker', import.meta.url), {
      type: 'module',
      name: 'monaco-editor',
    });
  },
};

monaco.editor.defineTheme(DARK_THEME, darkTheme);

/*
 * A model in 'typescript' starts TypeScript's language service the moment it
 * is created: its ~1.3 MB client chunks are fetched and parsed, on a 2-core
 * machine beside the editor's own start. So a playground's models begin in
 * this language — TypeScript's tokens and brackets, no service — and become
 * 'typescript' once the first editor has painted (startLanguageService).
 * Both get TypeScript's tokens from here: the early language has no loader
 * of its own, and Monaco's loader for 'typescript' would fetch a chunk at the
 * switch, leaving the code uncoloured until it came.
 */
const EARLY_LANGUAGE = 'beamline-typescript';
const giveTokens = (id: string) => {
  monaco.languages.setMonarchTokensProvider(id, tsTokens);
  monaco.languages.setLanguageConfiguration(id, tsConfiguration);
};
monaco.languages.register({id: EARLY_LANGUAGE});
giveTokens(EARLY_LANGUAGE);
let languageStarted = false;

/** The language a playground's new model gets. */
export const modelLanguage = (): string => (languageStarted ? 'typescript' : EARLY_LANGUAGE);

/** Hands every model to TypeScript's language service (diagnostics, and with the features hover and suggestions). */
export function startLanguageService(): void {
  if (languageStarted) return;
  languageStarted = true;
  giveTokens('typescript');
  for (const model of monaco.editor.getModels())
    if (model.getLanguageId() === EARLY_LANGUAGE) monaco.editor.setModelLanguage(model, 'typescript');
  // A model's new language drops its tokens (same grammar or not).
  for (const editor of monaco.editor.getEditors()) colourVisibleLines(editor);
}

const {typescript} = monaco;
typescript.typescriptDefaults.setCompilerOptions({
  target: typescript.ScriptTarget.ES2020,
  module: typescript.ModuleKind.ESNext,
  lib: ['es2022', 'webworker'],
  strict: true,
  noEmit: true,
  allowNonTsExtensions: true,
  // Every snippet is its own module, so two playgrounds on one page may both
  // declare `const base` and top-level await is allowed.
  moduleDetection: 3,
});
// The worker otherwise sees only the model it is checking, so an import of
// another tab ('./token-bucket') would not resolve.
typescript.typescriptDefaults.setEagerModelSync(true);
typescript.typescriptDefaults.addExtraLib(snippetApiTypes, 'file:///beamline/snippet-api.d.ts');
typescript.typescriptDefaults.addExtraLib(connectTypes, 'file:///beamline/connect-types.d.ts');

const library = librarySources();
const libraryAdded = new Set<string>();

/**
 * Makes the pattern library importable by relative name from a playground's
 * files (`file:///snippets/<id>/`), except the files the playground has open
 * as tabs: those are models already, and must not be declared twice.
 */
export function provideLibrary(id: string, tabs: readonly string[]): void {
  for (const [name, text] of Object.entries(library)) {
    const path = `file:///snippets/${id}/${name}`;
    if (tabs.includes(name) || libraryAdded.has(path)) continue;
    typescript.typescriptDefaults.addExtraLib(text, path);
    libraryAdded.add(path);
  }
}

// Monaco reads the registered services and editor features once, when its
// first editor is created; those monaco-features.ts registers later reach
// editors through a child of its instantiation service.
const coreServices = getSingletonServiceDescriptors().length;
const coreFeatures = new Set(getEditorFeatures());
let featureServices: IInstantiationService | undefined;
let features: Promise<void> | undefined;

/**
 * The editing features (monaco-features.ts), fetched once per page by the
 * first editor to show; rejects if their chunk cannot be fetched.
 */
export function loadEditorFeatures(): Promise<void> {
  // Named so that tests can hold it back.
  features ??= import(/* webpackChunkName: "monaco-features" */ './monaco-features').then(() => {
    const services = StandaloneServices.initialize({}).createChild(
      new ServiceCollection(...getSingletonServiceDescriptors().slice(coreServices)),
    );
    for (const feature of getEditorFeatures()) if (!coreFeatures.has(feature)) services.createInstance(feature);
    featureServices = services;
  });
  return features;
}

/** True once the editing features are registered: an editor created now has them. */
export const editorFeaturesHere = (): boolean => featureServices !== undefined;

/**
 * Colours the lines the editor shows, now. Monaco tokenizes them 50 ms after
 * they come into view and the rest of the model in idle callbacks, so a new
 * editor's first paints showed its code uncoloured (for 100-1000+ ms on a busy
 * machine), between the highlighted server HTML and the coloured editor.
 * Tokenizing ~30 lines of TypeScript takes about a millisecond.
 */
export function colourVisibleLines(editor: monaco.editor.ICodeEditor): void {
  const model = editor.getModel() as TextModel | null;
  if (!model) return;
  // The range holds the lines shown whole; the one below may show in part.
  const last = Math.max(0, ...editor.getVisibleRanges().map((range) => range.endLineNumber)) + 1;
  model.tokenization.forceTokenization(Math.min(last, model.getLineCount()));
}

/** `monaco.editor.create`, with the editing features once they are here, its lines coloured for its first paint. */
export function createEditor(
  element: HTMLElement,
  options: monaco.editor.IStandaloneEditorConstructionOptions,
): monaco.editor.IStandaloneCodeEditor {
  const editor = featureServices
    ? featureServices.createInstance(StandaloneEditor, element, options)
    : monaco.editor.create(element, options);
  colourVisibleLines(editor);
  return editor;
}

export {monaco};
