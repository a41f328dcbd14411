import {useEffect, useRef, useState} from 'react';
import Editor, {type OnMount} from '@monaco-editor/react';
import {monaco, provideLibrary} from '@site/src/snippet-runner/monaco-setup';
import {DARK_THEME, LIGHT_THEME} from '@site/src/snippet-runner/editor-themes';
import type {EditorProps} from './editor-props';
import {isMac, sendShortcutLabel, tabFocusShortcutLabel} from '@site/src/components/ui/shortcut';

type StandaloneEditor = Parameters<OnMount>[0];

/** The full editor: TypeScript IntelliSense over the snippet API. */
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
  const editorRef = useRef<StandaloneEditor | null>(null);
  // Set once Monaco has mounted and its shortcuts are bound: tests and
  // screenshots wait for it rather than for a guessed delay.
  const [ready, setReady] = useState(false);
  // Monaco keeps the first handlers it is given; read the latest through refs.
  const handlers = useRef({onRun, onToggleTabIndents});
  handlers.current = {onRun, onToggleTabIndents};

  // Tabs not on screen still need models, or `import … from './token-bucket'`
  // would not resolve for IntelliSense; they must exist before the editor
  // checks main.ts for the first time, and follow Reset and shared links.
  const syncModels = () => {
    provideLibrary(id, Object.keys(files));
    for (const [name, text] of Object.entries(files)) {
      const uri = monaco.Uri.parse(`file:///snippets/${id}/${name}`);
      const model = monaco.editor.getModel(uri);
      if (!model) monaco.editor.createModel(text, 'typescript', uri);
      else if (name !== file && model.getValue() !== text) model.setValue(text);
    }
  };
  const syncRef = useRef(syncModels);
  syncRef.current = syncModels;
  useEffect(() => syncRef.current(), [id, files, file]);

  const onMount: OnMount = (editor) => {
    editorRef.current = editor;
    // A keystroke just before Ctrl+Enter may not have reached React state yet.
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => handlers.current.onRun(editor.getValue()));
    // Monaco's own tab-focus toggle flips a global flag that the
    // `tabFocusMode` option below would override; this key flips the option.
    const toggleKey = isMac(navigator.platform)
      ? monaco.KeyMod.WinCtrl | monaco.KeyMod.Shift | monaco.KeyCode.KeyM
      : monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyM;
    editor.addCommand(toggleKey, () => handlers.current.onToggleTabIndents());
    setReady(true);
  };

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

  return (
    <div data-editor-ready={ready}>
      <Editor
        height={height}
        language="typescript"
        path={`file:///snippets/${id}/${file}`}
        value={value}
        theme={dark ? DARK_THEME : LIGHT_THEME}
        onChange={(next) => onChange(next ?? '')}
        beforeMount={() => syncRef.current()}
        onMount={onMount}
        loading={<div className="playground-editor-loading">Loading editor…</div>}
        options={{
          minimap: {enabled: false},
          fontSize: 14,
          lineNumbersMinChars: 3,
          scrollBeyondLastLine: false,
          automaticLayout: true,
          tabSize: 2,
          wordWrap: 'on',
          wrappingIndent: 'indent',
          fixedOverflowWidgets: true,
          // Tab moves focus unless the reader opted in to Tab indenting.
          tabFocusMode: !tabIndents,
          ariaLabel: `Snippet editor. ${sendShortcutLabel(navigator.platform)} runs. ${
            tabIndents
              ? `Tab indents; ${tabFocusShortcutLabel(navigator.platform)} makes Tab leave the editor.`
              : `Tab leaves the editor; ${tabFocusShortcutLabel(navigator.platform)} makes Tab indent.`
          }`,
        }}
      />
    </div>
  );
}
