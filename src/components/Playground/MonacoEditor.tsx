import {useEffect, useLayoutEffect, useRef, useState} from 'react';
import {
  colourVisibleLines,
  createEditor as createStandaloneEditor,
  editorFeaturesHere,
  loadEditorFeatures,
  modelLanguage,
  monaco,
  provideLibrary,
  startLanguageService,
} from '@site/src/snippet-runner/monaco-setup';
import {DARK_THEME, LIGHT_THEME} from '@site/src/snippet-runner/editor-themes';
import type {EditorProps} from './editor-props';
import {isMac, sendShortcutLabel, tabFocusShortcutLabel} from '@site/src/components/ui/shortcut';

const modelUri = (id: string, name: string) => monaco.Uri.parse(`file:///snippets/${id}/${name}`);

/**
 * After the next paint: an animation frame's callbacks run before it, a task
 * queued from one after it (in a hidden tab, once the tab shows).
 */
const afterPaint = () => new Promise<void>((painted) => requestAnimationFrame(() => setTimeout(painted)));

function options(tabIndents: boolean): monaco.editor.IEditorOptions {
  return {
    // Tab moves focus unless the reader opted in to Tab indenting.
    tabFocusMode: !tabIndents,
    ariaLabel: `Snippet editor. ${sendShortcutLabel(navigator.platform)} runs. ${
      tabIndents
        ? `Tab indents; ${tabFocusShortcutLabel(navigator.platform)} makes Tab leave the editor.`
        : `Tab leaves the editor; ${tabFocusShortcutLabel(navigator.platform)} makes Tab indent.`
    }`,
  };
}

/**
 * The full editor: TypeScript IntelliSense over the snippet API. Monaco's API
 * directly, not a React wrapper: the editor is created in the commit that
 * mounts this component, so the reader sees it (text shown, caret ready) in
 * the same frame as the module arrives — a wrapper's promise and effect hops
 * each gave the TypeScript service's start-up a chance to run first.
 */
export default function MonacoEditor({
  id,
  file,
  files,
  value,
  onChange,
  onRun,
  tabIndents,
  onToggleTabIndents,
  dark,
  errorLine,
  height,
}: EditorProps) {
  const container = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  // Set once Monaco is created and its shortcuts are bound: tests and
  // screenshots wait for it rather than for a guessed delay.
  const [ready, setReady] = useState(false);
  // Set once the editor has the editing features (hover, suggestions, find…): for tests, as `ready`.
  const [features, setFeatures] = useState(false);
  // Monaco keeps the first handlers it is given; read the latest through refs.
  const handlers = useRef({onRun, onToggleTabIndents, onChange});
  handlers.current = {onRun, onToggleTabIndents, onChange};
  // The view state (caret, scroll) of each tab, restored when the reader comes back to it.
  const viewStates = useRef(new Map<string, monaco.editor.ICodeEditorViewState | null>());
  // Set while this component writes `value` into the model, which is no edit of the reader's.
  const applyingValue = useRef(false);

  // Tabs not on screen still need models, or `import … from './token-bucket'`
  // would not resolve for IntelliSense; they must exist before the editor
  // checks main.ts for the first time, and follow Reset and shared links.
  const syncModels = () => {
    provideLibrary(id, Object.keys(files));
    for (const [name, text] of Object.entries(files)) {
      const uri = modelUri(id, name);
      const model = monaco.editor.getModel(uri);
      if (!model) monaco.editor.createModel(name === file ? value : text, modelLanguage(), uri);
      else if (name !== file && model.getValue() !== text) model.setValue(text);
    }
  };
  const syncRef = useRef(syncModels);
  syncRef.current = syncModels;
  const shownFile = useRef(file);

  // The editor as the props stand now; created in a layout effect, and again once the editing features are here.
  const createEditor = (element: HTMLElement) => {
    const editor = createStandaloneEditor(element, {
      model: monaco.editor.getModel(modelUri(id, shownFile.current)),
      theme: dark ? DARK_THEME : LIGHT_THEME,
      minimap: {enabled: false},
      fontSize: 14,
      lineNumbersMinChars: 3,
      scrollBeyondLastLine: false,
      automaticLayout: true,
      tabSize: 2,
      wordWrap: 'on',
      wrappingIndent: 'indent',
      fixedOverflowWidgets: true,
      ...options(tabIndents),
    });
    // Actions, not editor.addCommand: a command's key is the page's, so with
    // two playgrounds on a page Ctrl+Enter in one would run the other.
    editor.addAction({
      id: 'beamline.run',
      label: 'Run the snippet',
      keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter],
      // A keystroke just before Ctrl+Enter may not have reached React state yet.
      run: () => handlers.current.onRun(editor.getValue()),
    });
    // Monaco's own tab-focus toggle flips a global flag that the
    // `tabFocusMode` option would override; this key flips the option.
    editor.addAction({
      id: 'beamline.toggleTabIndents',
      label: 'Toggle Tab indenting',
      keybindings: [
        isMac(navigator.platform)
          ? monaco.KeyMod.WinCtrl | monaco.KeyMod.Shift | monaco.KeyCode.KeyM
          : monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyM,
      ],
      run: () => handlers.current.onToggleTabIndents(),
    });
    editor.onDidChangeModelContent(() => {
      if (!applyingValue.current) handlers.current.onChange(editor.getValue());
    });
    return editor;
  };
  const createRef = useRef(createEditor);
  createRef.current = createEditor;

  // Created once, in a layout effect: the editor replaces the placeholder
  // before the browser paints; the effects below follow the props.
  useLayoutEffect(() => {
    const element = container.current;
    if (!element) return;
    syncRef.current();
    editorRef.current = createRef.current(element);
    setReady(true);
    let current = true;
    // TypeScript's service and the editing features come after the editor
    // has painted: their chunks' fetch and parse would compete with it.
    // Monaco gives an editor the contributions registered when it is created,
    // so this one is swapped for a new one on the same model, in one task:
    // text, undo history and markers live in the model; caret, selection and
    // scroll in the view state.
    const painted = afterPaint();
    void painted.then(startLanguageService);
    if (!editorFeaturesHere())
      painted.then(loadEditorFeatures).then(
        () => {
          const old = editorRef.current;
          if (!current || !old) return;
          const viewState = old.saveViewState();
          const focused = old.hasTextFocus();
          old.dispose();
          const editor = createRef.current(element);
          if (viewState) editor.restoreViewState(viewState);
          if (focused) editor.focus();
          editorRef.current = editor;
          setFeatures(true);
        },
        // The reader keeps the core editor: typing, undo and the playground's keys.
        () => undefined,
      );
    else setFeatures(true);
    return () => {
      current = false;
      editorRef.current?.dispose();
      editorRef.current = null;
    };
  }, []);

  useEffect(() => syncRef.current(), [id, files, file]);

  // Another tab: its model, and the caret and scroll the reader left there.
  useEffect(() => {
    const editor = editorRef.current;
    if (!editor || shownFile.current === file) return;
    viewStates.current.set(shownFile.current, editor.saveViewState());
    shownFile.current = file;
    editor.setModel(monaco.editor.getModel(modelUri(id, file)));
    const state = viewStates.current.get(file);
    if (state) editor.restoreViewState(state);
    colourVisibleLines(editor);
  }, [id, file]);

  // Reset or a shared link: one undoable edit, so Ctrl+Z brings the reader's text back.
  useEffect(() => {
    const editor = editorRef.current;
    const model = editor?.getModel();
    if (!editor || !model || model.getValue() === value) return;
    applyingValue.current = true;
    editor.executeEdits('', [{range: model.getFullModelRange(), text: value, forceMoveMarkers: true}]);
    editor.pushUndoStop();
    applyingValue.current = false;
  }, [value, file]);

  useEffect(() => {
    monaco.editor.setTheme(dark ? DARK_THEME : LIGHT_THEME);
  }, [dark]);

  useEffect(() => {
    editorRef.current?.updateOptions(options(tabIndents));
  }, [tabIndents]);

  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (!model) return;
    // The reader may have deleted the failing line since the run.
    const markers =
      errorLine && errorLine <= model.getLineCount()
        ? [
            {
              startLineNumber: errorLine,
              endLineNumber: errorLine,
              startColumn: 1,
              endColumn: model.getLineMaxColumn(errorLine),
              message: 'The run failed here',
              severity: monaco.MarkerSeverity.Error,
            },
          ]
        : [];
    monaco.editor.setModelMarkers(model, 'beamline-run', markers);
    if (markers.length) editorRef.current?.revealLineInCenterIfOutsideViewport(errorLine!);
  }, [errorLine, file]);

  return <div ref={container} data-editor-ready={ready} data-editor-features={features} style={{height}} />;
}
