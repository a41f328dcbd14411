import React, {useCallback, useRef, useState} from 'react';
import {useColorMode} from '@docusaurus/theme-common';
import LiveChart from '@site/src/components/LiveChart';
import {defaultTimeLimitMs} from '@site/src/playground/runner';
import EditorPane from './EditorPane';
import OutputPane from './OutputPane';
import RunStatus from './RunStatus';
import {useSnippetRun} from './useSnippetRun';
import {useStoredCode} from './useStoredCode';
import styles from './styles.module.css';

interface Props {
  /** Stable id: names the saved edits and the editor model. */
  id: string;
  /** The snippet's original source (import it with `!!raw-loader!`). */
  code: string;
  title?: string;
  editorHeight?: number;
  timeLimitMs?: number;
  chartLabel?: string;
}

const isMac = () => typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/**
 * An editable snippet that runs in a Web Worker against the playground-server
 * and charts what it reports. Run (Ctrl/Cmd+Enter) restarts, Stop kills the
 * worker at once, Reset restores the original code.
 */
export default function Playground({id, code: original, title, editorHeight = 420, timeLimitMs = defaultTimeLimitMs, chartLabel}: Props) {
  const {colorMode} = useColorMode();
  const {code, setCode, reset, restored} = useStoredCode(id, original);
  const run = useSnippetRun(timeLimitMs);
  const runButton = useRef<HTMLButtonElement>(null);
  const [copied, setCopied] = useState(false);

  const start = useCallback(() => run.run(code), [run, code]);
  const copy = useCallback(async () => {
    await navigator.clipboard.writeText(code);
    setCopied(true);
    setTimeout(() => setCopied(false), 1500);
  }, [code]);
  const shortcut = isMac() ? '⌘+Enter' : 'Ctrl+Enter';

  return (
    <div className={styles.playground} data-testid="playground">
      <div className={styles.toolbar} role="toolbar" aria-label="Playground controls">
        {title && <span className={styles.title}>{title}</span>}
        <button
          ref={runButton}
          type="button"
          className="button button--primary button--sm"
          onClick={start}
          data-testid="playground-run"
          title={`Run (${shortcut})`}>
          ▶ Run
        </button>
        <button
          type="button"
          className="button button--secondary button--sm"
          onClick={run.stop}
          disabled={run.status !== 'running'}
          data-testid="playground-stop">
          ■ Stop
        </button>
        <button
          type="button"
          className="button button--secondary button--sm"
          onClick={reset}
          disabled={code === original}
          data-testid="playground-reset"
          title="Back to the original code">
          ↺ Reset
        </button>
        <button type="button" className="button button--secondary button--sm" onClick={copy}>
          {copied ? 'Copied' : 'Copy'}
        </button>
        <RunStatus status={run.status} startedAt={run.startedAt} />
        <span className={styles.hint}>{shortcut} runs · Esc leaves the editor</span>
      </div>
      {restored && <div className={styles.notice}>Your earlier edits were restored. Reset brings back the original.</div>}
      <EditorPane
        id={id}
        value={code}
        onChange={setCode}
        onRun={start}
        onEscape={() => runButton.current?.focus()}
        dark={colorMode === 'dark'}
        errorLine={run.errorLine}
        height={editorHeight}
      />
      <div className={styles.results}>
        <LiveChart points={run.points} yLabel={chartLabel} />
        <OutputPane lines={run.logs} onClear={run.clearOutput} emptyText="Log lines from the snippet appear here." />
      </div>
    </div>
  );
}
