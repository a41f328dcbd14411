import {memo, useCallback, useEffect, useId, useMemo, useRef, useState} from 'react';
import {useColorMode} from '@docusaurus/theme-common';
import FaultDial from '@site/src/components/FaultDial';
import {faultSpec, noFaults, type FaultSettings} from '@site/src/contract';
import {usePlatform} from '@site/src/components/ui/useShortcuts';
import {sendShortcutLabel} from '@site/src/components/ui/shortcut';
import LiveChart from '@site/src/components/LiveChart';
import RoomBanner from '@site/src/components/RoomBanner';
import {copyText} from '@site/src/components/copy-text';
import {useActivation} from '@site/src/components/useNearViewport';
import type {ChartConfig} from '@site/src/components/LiveChart/chart-config';
import {defaultTimeLimitMs} from '@site/src/snippet-runner/runner';
import EditorPane from './EditorPane';
import FileTabs from './FileTabs';
import {editorHint} from './keyboard';
import OutputPane from './OutputPane';
import RunStatus from './RunStatus';
import {shareHash} from './share-link';
import {type OutputStore, useRunOutput, useSnippetRun} from './useSnippetRun';
import {useServerCheck} from './useServerCheck';
import {useStoredFiles} from './useStoredFiles';
import type {RunOutput} from './run-output';
import styles from './styles.module.css';

const entry = 'main.ts';

export interface PlaygroundProps {
  /** Stable id: names the saved edits, share links and the editor models. */
  id: string;
  /** The snippet that runs (`main.ts`); import it with `!!raw-loader!`. */
  code: string;
  /** More editable files main.ts imports as `./name`, e.g. the pattern under study. */
  files?: Record<string, string>;
  title?: string;
  editorHeight?: number;
  timeLimitMs?: number;
  /** What the chart draws; by default each attempt's wait, coloured by outcome. */
  chart?: ChartConfig;
  /** Shows the fault dial, starting from these settings. */
  faults?: Partial<FaultSettings>;
}

const whole = (output: RunOutput) => output;

/** The chart of the run's output, rendered by itself as the output grows (see OutputStore). */
const RunChart = memo(function RunChart({output, config}: {output: OutputStore; config?: ChartConfig}) {
  const {points, droppedPoints} = useRunOutput(output, whole);
  return <LiveChart points={points} dropped={droppedPoints} config={config} />;
});

interface RunLogProps {
  output: OutputStore;
  onClear(): void;
  onShowError(file: string): void;
}

/** The log of the run's output, rendered by itself as the output grows (see OutputStore). */
const RunLog = memo(function RunLog({output, onClear, onShowError}: RunLogProps) {
  const {lines, droppedLines} = useRunOutput(output, whole);
  return (
    <OutputPane
      lines={lines}
      dropped={droppedLines}
      onClear={onClear}
      onShowError={onShowError}
      emptyText="Log lines from the snippet appear here."
    />
  );
});

interface RunFaultDialProps {
  initial: FaultSettings;
  onChange(next: FaultSettings): void;
  inForce?: string | null;
}

/**
 * The playground's fault dial, holding its own settings: a move (a slider
 * dragged is many) renders the dial, not the whole playground with its editor.
 */
const RunFaultDial = memo(function RunFaultDial({initial, onChange, inForce}: RunFaultDialProps) {
  const [value, setValue] = useState(initial);
  const change = (next: FaultSettings) => {
    setValue(next);
    onChange(next);
  };
  return (
    <FaultDial
      value={value}
      onChange={change}
      knobs={['error', 'code', 'latency', 'jitter', 'rate']}
      legend="Router faults for your calls"
      variant="strip"
      testIdPrefix="playground"
      inForce={inForce}
    />
  );
});

const notices = {
  restored: 'Your earlier edits were restored. Reset brings back the original.',
  shared: 'This code came from a shared link. Nothing runs until you press Run.',
};

/**
 * An editable snippet that runs in a Web Worker against the playground-server
 * and charts what it reports. Run (Ctrl/Cmd+Enter) restarts, Stop kills the
 * worker at once, Reset restores the original code, Share puts it in the URL.
 */
export default function Playground({
  id,
  code,
  files: extraFiles,
  title,
  editorHeight = 420,
  timeLimitMs = defaultTimeLimitMs,
  chart,
  faults,
}: PlaygroundProps) {
  const {colorMode} = useColorMode();
  // MDX hands over a new `files` object on every render; key the originals on
  // their content so a re-render (say, a theme switch) never resets the editor.
  const extraKey = JSON.stringify(extraFiles ?? {});
  const originals = useMemo<Record<string, string>>(() => ({[entry]: code, ...JSON.parse(extraKey)}), [code, extraKey]);
  const {files, setFile, reset, origin, edited, edits} = useStoredFiles(id, originals);
  const [active, setActive] = useState(entry);
  const run = useSnippetRun(timeLimitMs);
  const runButton = useRef<HTMLButtonElement>(null);
  const root = useRef<HTMLDivElement>(null);
  // Not useNearViewport: the island renders this once the reader is near, and an observer's first
  // answer comes a frame later — on a busy page, after a reader's first Run (or the benchmark's).
  const activated = useActivation(root);
  const {prepare} = run;
  // The first Run then finds its worker loaded and waiting, with the files shown now compiled. Once,
  // not at each edit: the runner keeps the first files it is given, and each Run brings its own.
  useEffect(() => {
    if (activated) prepare(files, entry);
  }, [activated, prepare]);
  const [flash, setFlash] = useState<string | null>(null);
  const [tabIndents, setTabIndents] = useState(false);
  const server = useServerCheck(run.status, run.unanswered);
  const ids = useId();
  const panelId = `${ids}-panel`;
  const tabId = (name: string) => `${ids}-tab-${name}`;
  // Stop is disabled the moment a run ends, and a disabled button drops focus
  // to <body>; whoever was on Stop lands on Run instead.
  const stopHadFocus = useRef(false);
  useEffect(() => {
    if (run.status === 'running' || !stopHadFocus.current) return;
    stopHadFocus.current = false;
    if (document.activeElement === document.body || document.activeElement?.hasAttribute('disabled'))
      runButton.current?.focus();
  }, [run.status]);

  const [initialFaults] = useState<FaultSettings>(() => ({...noFaults, ...faults}));
  // A ref, not state: the dial holds what it shows (RunFaultDial), the playground only reads it at Run.
  const faultSettings = useRef(initialFaults);
  const {run: runFiles, setFault} = run;
  const changeFaults = useCallback(
    (next: FaultSettings) => {
      faultSettings.current = next;
      setFault(faultSpec(next) ?? null);
    },
    [setFault],
  );
  const start = useCallback(
    (latest?: string) => {
      const current = latest === undefined ? files : {...files, [active]: latest};
      runFiles(current, entry, faults ? (faultSpec(faultSettings.current) ?? null) : null);
    },
    [runFiles, files, active, faults],
  );
  const say = (message: string) => {
    setFlash(message);
    setTimeout(() => setFlash(null), 2000);
  };
  const copy = useCallback(async () => {
    say(
      (await copyText(files[active]))
        ? `Copied ${active}`
        : 'The browser refused to copy: select the code and press Ctrl+C',
    );
  }, [files, active]);
  const share = useCallback(async () => {
    const url = new URL(window.location.href);
    url.hash = shareHash({id, files: edits});
    window.history.replaceState(null, '', url);
    say(
      (await copyText(url.toString()))
        ? 'Link copied: it opens this code without running it'
        : 'The link is in the address bar',
    );
  }, [id, edits]);
  const showError = useCallback(
    (file: string) => {
      if (file in files) setActive(file);
    },
    [files],
  );
  const platform = usePlatform();
  const shortcut = sendShortcutLabel(platform);
  const errorAt = useRunOutput(run.output, (output) => output.errorAt);
  const tabbed = Object.keys(files).length > 1;
  const errorLine = errorAt?.file === active ? errorAt.line : undefined;

  // A run's output renders only RunChart and RunLog (see OutputStore): the editor and the dial render
  // with the playground's own state.
  const editor = (
    <EditorPane
      id={id}
      file={active}
      files={files}
      value={files[active]}
      onChange={(text) => setFile(active, text)}
      onRun={start}
      tabIndents={tabIndents}
      onToggleTabIndents={() => setTabIndents((previous) => !previous)}
      dark={colorMode === 'dark'}
      errorLine={errorLine}
      height={editorHeight}
    />
  );

  return (
    <div ref={root} className={styles.playground} data-testid="playground" data-playground-id={id}>
      <RoomBanner />
      <div className={styles.toolbar} role="toolbar" aria-label="Playground controls">
        {title && <span className={styles.title}>{title}</span>}
        <button
          ref={runButton}
          type="button"
          className="button button--primary button--sm"
          onClick={() => start()}
          data-testid="playground-run"
          title={`Run (${shortcut})`}
          aria-keyshortcuts="Control+Enter Meta+Enter"
        >
          ▶ Run
        </button>
        <button
          type="button"
          className="button button--secondary button--sm"
          onClick={run.stop}
          onFocus={() => (stopHadFocus.current = true)}
          // A blur to nowhere is the button being disabled, not the reader moving on.
          onBlur={(event) => event.relatedTarget && (stopHadFocus.current = false)}
          disabled={run.status !== 'running'}
          data-testid="playground-stop"
        >
          ■ Stop
        </button>
        <button
          type="button"
          className="button button--secondary button--sm"
          onClick={reset}
          disabled={!edited}
          data-testid="playground-reset"
          title="Back to the original code"
        >
          ↺ Reset
        </button>
        <button
          type="button"
          className="button button--secondary button--sm"
          onClick={copy}
          data-testid="playground-copy"
        >
          Copy
        </button>
        <button
          type="button"
          className="button button--secondary button--sm"
          onClick={share}
          data-testid="playground-share"
          title="Put your version of the code in a link"
        >
          Share
        </button>
        <RunStatus status={run.status} startedAt={run.startedAt} server={server} />
        <span className={styles.hint} aria-live="polite">
          {flash ?? editorHint(tabIndents, platform)}
        </span>
      </div>
      {origin !== 'original' && <div className={styles.notice}>{notices[origin]}</div>}
      {server === 'unreachable' && (
        <p className={styles.problem} role="alert" data-testid="playground-unreachable">
          The playground server does not answer at {window.location.origin}, so the snippet's calls could not reach the
          Router. Start it again (<code>npm start</code>, or <code>npm run serve</code> on a workshop laptop), then
          press Run.
        </p>
      )}
      {faults && (
        <RunFaultDial
          initial={initialFaults}
          onChange={changeFaults}
          inForce={run.status === 'running' ? run.faultInForce : undefined}
        />
      )}
      <FileTabs
        names={Object.keys(files)}
        active={active}
        edited={(name) => files[name] !== originals[name]}
        onSelect={setActive}
        tabId={tabId}
        panelId={panelId}
      />
      {tabbed ? (
        <div role="tabpanel" id={panelId} aria-labelledby={tabId(active)}>
          {editor}
        </div>
      ) : (
        editor
      )}
      <div className={styles.results}>
        <RunChart output={run.output} config={chart} />
        <RunLog output={run.output} onClear={run.clearOutput} onShowError={showError} />
      </div>
    </div>
  );
}
