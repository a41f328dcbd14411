import type React from 'react';
import {useCallback, useEffect, useId, useMemo, useState} from 'react';
import Spinner from '@site/src/components/Spinner';
import {copyText} from '@site/src/components/copy-text';
import FaultDial from './FaultDial';
import {faultSpec, noFaults, withFaultHeader, type FaultSettings} from '@site/src/contract';
import {allowsBody, formatBody, formatBytes, parseHeaderLines, toCurl} from './http-text';
import {readerTenant} from '@site/src/playground/session';
import {httpPresets, type HttpPreset} from './presets';
import {useHttpExchange, type HttpResult, type Phase} from './useHttpExchange';
import styles from './styles.module.css';

interface Props {
  /** Preset shown first (`decide`, `missing-tenant`, `bad-json`, `rate-limit`, `health`, `stream`). */
  preset?: string;
  /** Hide the fault dial (the quick start's one-click request). */
  showFault?: boolean;
  /** Hide the preset picker and the editable fields: a single "send" button. */
  compact?: boolean;
  title?: string;
}

/** What the static HTML shows until the browser knows the reader's tenant. */
const serverTenant = 'your-tenant';
const methods = ['GET', 'POST', 'PUT', 'DELETE', 'HEAD'];
const isMac = () => typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

function statusClass(status: number): string {
  if (status >= 500) return styles.status5xx;
  if (status >= 400) return styles.status4xx;
  return styles.status2xx;
}

function summarize(statuses: number[]): string {
  const counts = new Map<number, number>();
  for (const status of statuses) counts.set(status, (counts.get(status) ?? 0) + 1);
  return [...counts].map(([status, count]) => `${count} × ${status}`).join(', ');
}

function PhaseLine({phase, progress, result}: {phase: Phase; progress?: string; result?: HttpResult}) {
  if (phase === 'sending')
    return (
      <span className={styles.phase} data-phase={phase}>
        <Spinner /> Sending{progress ? `: ${progress}` : '…'}
      </span>
    );
  if (phase === 'streaming')
    return (
      <span className={styles.phase} data-phase={phase}>
        <Spinner /> Streaming · {formatBytes(result?.bytes ?? 0)} so far
      </span>
    );
  return null;
}

/**
 * A small HTTP client in the page: method, path, headers and body go to the
 * playground-server's c-gateway-shaped API with fetch(); the status, headers,
 * body and timing come back. The fault dial adds `x-beamline-fault`.
 */
export default function HttpConsole({
  preset = 'decide',
  showFault = true,
  compact = false,
  title = 'HTTP console',
}: Props) {
  const id = useId();
  // The reader's own tenant lives in the tab's sessionStorage, so the server
  // renders a placeholder and the browser swaps it in after hydration.
  const [tenant, setTenant] = useState(serverTenant);
  const presets = useMemo(() => httpPresets(tenant), [tenant]);
  const initial = presets.find((candidate) => candidate.id === preset) ?? presets[0];
  const [presetId, setPresetId] = useState(initial.id);
  const [method, setMethod] = useState(initial.method);
  const [path, setPath] = useState(initial.path);
  const [headersText, setHeadersText] = useState(initial.headers);
  const [body, setBody] = useState(initial.body);
  const [repeat, setRepeat] = useState(initial.repeat ?? 1);
  const [fault, setFault] = useState<FaultSettings>(noFaults);
  const [copied, setCopied] = useState(false);
  // The command, selected for Ctrl+C, when the browser refused to copy it.
  const [manualCopy, setManualCopy] = useState<string>();
  const exchange = useHttpExchange();

  useEffect(() => {
    const own = readerTenant();
    setTenant(own);
    const fresh = httpPresets(own).find((candidate) => candidate.id === initial.id)!;
    setPath(fresh.path);
    setHeadersText(fresh.headers);
    setBody(fresh.body);
    // Once, after hydration.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const parsed = useMemo(() => parseHeaderLines(headersText), [headersText]);
  const spec = faultSpec(fault);
  const headers = useMemo(() => withFaultHeader(parsed.headers, spec), [parsed.headers, spec]);
  const pathProblem = path.startsWith('/')
    ? undefined
    : 'The path must start with "/" (the console only talks to this server).';
  const problems = [...(pathProblem ? [pathProblem] : []), ...parsed.problems];

  const choose = useCallback((next: HttpPreset) => {
    setPresetId(next.id);
    setMethod(next.method);
    setPath(next.path);
    setHeadersText(next.headers);
    setBody(next.body);
    setRepeat(next.repeat ?? 1);
  }, []);

  const send = useCallback(() => {
    if (problems.length || exchange.busy) return;
    void exchange.send({method, path, headers, body, repeat});
  }, [problems.length, exchange, method, path, headers, body, repeat]);

  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      send();
    } else if (event.key === 'Escape' && exchange.busy) {
      event.preventDefault();
      exchange.cancel();
    }
  };

  const copyCurl = async () => {
    const curl = toCurl(window.location.origin, method, path, headers, body);
    if (await copyText(curl)) {
      setManualCopy(undefined);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } else {
      setManualCopy(curl);
    }
  };

  const {result, phase} = exchange;
  const shortcut = isMac() ? '⌘+Enter' : 'Ctrl+Enter';

  return (
    <section className={styles.console} data-testid="http-console" aria-label={title} onKeyDown={onKeyDown}>
      <div className={styles.header}>
        <span className={styles.title}>{title}</span>
        {!compact && (
          <label className={styles.presetLabel}>
            <span>Example</span>
            <select
              value={presetId}
              onChange={(event) =>
                choose(presets.find((candidate) => candidate.id === event.target.value) ?? presets[0])
              }
              data-testid="http-console-preset"
            >
              {presets.map((candidate) => (
                <option key={candidate.id} value={candidate.id}>
                  {candidate.label}
                </option>
              ))}
              {!presets.some((candidate) => candidate.id === presetId) && <option value={presetId}>Edited</option>}
            </select>
          </label>
        )}
      </div>
      <div className={styles.requestLine}>
        <label className={styles.srOnly} htmlFor={`${id}-method`}>
          Method
        </label>
        <select
          id={`${id}-method`}
          value={method}
          onChange={(event) => setMethod(event.target.value)}
          disabled={compact}
          data-testid="http-console-method"
        >
          {methods.map((candidate) => (
            <option key={candidate}>{candidate}</option>
          ))}
        </select>
        <label className={styles.srOnly} htmlFor={`${id}-path`}>
          Path
        </label>
        <input
          id={`${id}-path`}
          className={styles.path}
          value={path}
          onChange={(event) => setPath(event.target.value)}
          readOnly={compact}
          spellCheck={false}
          autoComplete="off"
          data-testid="http-console-path"
        />
        {exchange.busy ? (
          <button
            type="button"
            className="button button--secondary button--sm"
            onClick={exchange.cancel}
            data-testid="http-console-cancel"
          >
            ■ Cancel
          </button>
        ) : (
          <button
            type="button"
            className="button button--primary button--sm"
            onClick={send}
            disabled={problems.length > 0}
            title={`Send (${shortcut})`}
            data-testid="http-console-send"
          >
            ▶ Send{repeat > 1 ? ` × ${repeat}` : ''}
          </button>
        )}
      </div>
      {!compact && (
        <div className={styles.fields}>
          <div className={styles.field}>
            <label htmlFor={`${id}-headers`}>
              Headers <span className={styles.labelHint}>(one “Name: value” per line)</span>
            </label>
            <textarea
              id={`${id}-headers`}
              rows={4}
              value={headersText}
              onChange={(event) => setHeadersText(event.target.value)}
              spellCheck={false}
              data-testid="http-console-headers"
            />
          </div>
          <div className={styles.field}>
            <label htmlFor={`${id}-body`}>Body{allowsBody(method) ? '' : ` (not sent with ${method})`}</label>
            <textarea
              id={`${id}-body`}
              rows={allowsBody(method) ? 9 : 2}
              value={body}
              onChange={(event) => setBody(event.target.value)}
              disabled={!allowsBody(method)}
              spellCheck={false}
              data-testid="http-console-body"
            />
          </div>
          <div className={styles.repeat}>
            <label htmlFor={`${id}-repeat`}>Send</label>
            <input
              id={`${id}-repeat`}
              type="number"
              min={1}
              max={100}
              value={repeat}
              onChange={(event) => setRepeat(Math.max(1, Math.min(100, Math.round(Number(event.target.value) || 1))))}
              data-testid="http-console-repeat"
            />
            <span>time{repeat === 1 ? '' : 's'} in a row</span>
          </div>
          {showFault && <FaultDial value={fault} onChange={setFault} testIdPrefix="http-console" />}
        </div>
      )}
      {compact && (
        <details className={styles.compactRequest}>
          <summary>Request headers and body</summary>
          <pre data-testid="http-console-request-preview">
            {headers.map(([name, value]) => `${name}: ${value}`).join('\n')}
            {allowsBody(method) && body ? `\n\n${body}` : ''}
          </pre>
        </details>
      )}
      {problems.length > 0 && (
        <ul className={styles.problems} role="alert" data-testid="http-console-problems">
          {problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
      <div className={styles.response} aria-live="polite" data-testid="http-console-response" data-phase={phase}>
        <div className={styles.statusLine}>
          {result ? (
            <>
              <span className={`${styles.status} ${statusClass(result.status)}`} data-testid="http-console-status">
                {result.status} {result.statusText}
              </span>
              <span className={styles.timing} data-testid="http-console-timing">
                headers {Math.round(result.headersMs)} ms · total {Math.round(result.totalMs)} ms ·{' '}
                {formatBytes(result.bytes)}
              </span>
              {result.statuses.length > 1 && (
                <span className={styles.summary} data-testid="http-console-summary">
                  {summarize(result.statuses)}
                </span>
              )}
            </>
          ) : (
            phase === 'idle' && (
              <span className={styles.placeholder}>Press Send ({shortcut}) to see the response here.</span>
            )
          )}
          <PhaseLine phase={phase} progress={exchange.progress} result={result} />
          {!compact && (
            <button
              type="button"
              className={`button button--link button--sm ${styles.copy}`}
              onClick={copyCurl}
              data-testid="http-console-copy-curl"
            >
              {copied ? 'Copied' : 'Copy as curl'}
            </button>
          )}
        </div>
        {manualCopy !== undefined && (
          <label className={styles.field}>
            <span>The browser refused to copy: the command is selected, press Ctrl+C (⌘+C).</span>
            <textarea
              readOnly
              rows={3}
              value={manualCopy}
              ref={(field) => field?.select()}
              onBlur={() => setManualCopy(undefined)}
              data-testid="http-console-curl"
            />
          </label>
        )}
        {exchange.error && (
          <p className={styles.error} role="alert" data-testid="http-console-error">
            {exchange.error}
          </p>
        )}
        {result && (
          <div className={styles.responseParts}>
            <details className={styles.responseHeaders} open={!compact}>
              <summary>Response headers ({result.headers.length})</summary>
              <dl data-testid="http-console-response-headers">
                {result.headers.map(([name, value]) => (
                  <div key={name} className={styles.headerRow} data-header={name}>
                    <dt>{name}</dt>
                    <dd>{value}</dd>
                  </div>
                ))}
              </dl>
            </details>
            <pre
              className={styles.body}
              data-testid="http-console-response-body"
              tabIndex={0}
              aria-label="Response body"
            >
              {result.truncated ? '… (earlier output dropped)\n' : ''}
              {formatBody(result.body, result.contentType) ||
                (phase === 'streaming' ? 'Waiting for events…' : '(empty body)')}
            </pre>
          </div>
        )}
      </div>
    </section>
  );
}
