import type React from 'react';
import {useEffect, useRef, useState} from 'react';
import BrowserOnly from '@docusaurus/BrowserOnly';
import ErrorBoundary from '@docusaurus/ErrorBoundary';
import CodeBlock from '@theme/CodeBlock';
import {useActivation} from '@site/src/components/useNearViewport';
import {loadMonacoEditor, loadedMonacoEditor, phoneQuery} from './editor-load';
import type {EditorProps} from './editor-props';
import PlainEditor from './PlainEditor';
import styles from './styles.module.css';

function useMediaQuery(query: string): boolean {
  const [matches, setMatches] = useState(() => window.matchMedia(query).matches);
  useEffect(() => {
    const list = window.matchMedia(query);
    const update = () => setMatches(list.matches);
    list.addEventListener('change', update);
    return () => list.removeEventListener('change', update);
  }, [query]);
  return matches;
}

function Placeholder({value, height, note}: {value: string; height: number; note?: string}) {
  return (
    // The editor's own height, so nothing moves when it arrives: longer code scrolls.
    <div className={styles.placeholder} style={{height}}>
      <CodeBlock language="ts">{value}</CodeBlock>
      {note && <div className={styles.placeholderNote}>{note}</div>}
    </div>
  );
}

function ClientEditor(props: EditorProps) {
  const container = useRef<HTMLDivElement>(null);
  // Monaco is ~1 MB gz of JS: fetched only once the reader is about to use it.
  const active = useActivation(container);
  const phone = useMediaQuery(phoneQuery);
  const [Monaco, setMonaco] = useState(loadedMonacoEditor);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!active || phone || Monaco) return;
    let current = true;
    loadMonacoEditor().then(
      (loaded) => current && setMonaco(() => loaded),
      () => current && setFailed(true),
    );
    return () => {
      current = false;
    };
  }, [active, phone, Monaco]);
  let editor: React.ReactNode;
  // If Monaco fails to load or breaks, the reader keeps a working editor.
  if (phone || failed) editor = <PlainEditor {...props} />;
  else if (active && Monaco)
    editor = (
      <ErrorBoundary fallback={() => <PlainEditor {...props} />}>
        <Monaco {...props} />
      </ErrorBoundary>
    );
  else
    editor = (
      <Placeholder
        value={props.value}
        height={props.height}
        note={active ? 'Loading editor…' : 'The editor loads as you reach it.'}
      />
    );
  return (
    <div ref={container} className={styles.editor}>
      {editor}
    </div>
  );
}

/** Server render and first paint show the code highlighted; the editor replaces it in the browser. */
export default function EditorPane(props: EditorProps) {
  return (
    <BrowserOnly
      fallback={
        <div className={styles.editor}>
          <Placeholder value={props.value} height={props.height} />
        </div>
      }
    >
      {() => <ClientEditor {...props} />}
    </BrowserOnly>
  );
}
