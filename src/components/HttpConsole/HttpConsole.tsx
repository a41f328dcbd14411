import {useEffect, useId, useMemo, useReducer, useState} from 'react';
import {copyText} from '@site/src/components/copy-text';
import SendCancelButton from '@site/src/components/ui/SendCancelButton';
import {useSendShortcut, useShortcutLabel} from '@site/src/components/ui/useShortcuts';
import RoomBanner from '@site/src/components/RoomBanner';
import {currentRoom} from '@site/src/components/RoomBanner/room';
import {readerSession, tenantFor} from '@site/src/snippet-runner/session';
import type {Reader} from '../requests/reader-headers';
import {draftFrom, draftReducer, outgoing} from './console-state';
import {allowsBody, toCurl} from './http-text';
import {httpPresets} from './presets';
import RequestFields from './RequestFields';
import ResponsePane from './ResponsePane';
import {useHttpExchange} from './useHttpExchange';
import styles from './styles.module.css';

export interface HttpConsoleProps {
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
}: HttpConsoleProps) {
  const id = useId();
  // The reader's own tenant lives in the tab's sessionStorage, so the server
  // renders a placeholder and the browser swaps it in after hydration.
  const [{tenant, reader}, setIdentity] = useState<{tenant: string; reader: Reader}>({
    tenant: serverTenant,
    reader: {},
  });
  const presets = useMemo(() => httpPresets(tenant), [tenant]);
  const byId = (wanted: string) => presets.find((candidate) => candidate.id === wanted) ?? presets[0];
  const [draft, dispatch] = useReducer(draftReducer, byId(preset), (first) => draftFrom(first));
  const [copied, setCopied] = useState(false);
  // The command, selected for Ctrl+C, when the browser refused to copy it.
  const [manualCopy, setManualCopy] = useState<string>();
  const exchange = useHttpExchange();
  const shortcut = useShortcutLabel();

  useEffect(() => {
    const session = readerSession();
    const own = tenantFor(session);
    setIdentity({tenant: own, reader: {session, room: currentRoom()}});
    const fresh = httpPresets(own).find((candidate) => candidate.id === draft.presetId)!;
    dispatch({type: 'edit', patch: {path: fresh.path, headersText: fresh.headers, body: fresh.body}});
  }, []);

  const {headers, added, problems} = useMemo(() => outgoing(draft, reader), [draft, reader]);
  const send = () => {
    if (problems.length || exchange.busy) return;
    void exchange.send({method: draft.method, path: draft.path, headers, body: draft.body, repeat: draft.repeat});
  };
  const onKeyDown = useSendShortcut({send, cancel: exchange.cancel, busy: exchange.busy});

  const copyCurl = async () => {
    const curl = toCurl(window.location.origin, draft.method, draft.path, headers, draft.body);
    if (await copyText(curl)) {
      setManualCopy(undefined);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } else {
      setManualCopy(curl);
    }
  };

  return (
    <section className={styles.console} data-testid="http-console" aria-label={title} onKeyDown={onKeyDown}>
      <RoomBanner />
      <div className={styles.header}>
        <span className={styles.title}>{title}</span>
        {!compact && (
          <label className={styles.presetLabel}>
            <span>Example</span>
            <select
              value={draft.presetId}
              onChange={(event) => dispatch({type: 'preset', preset: byId(event.target.value)})}
              data-testid="http-console-preset"
            >
              {presets.map((candidate) => (
                <option key={candidate.id} value={candidate.id}>
                  {candidate.label}
                </option>
              ))}
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
          value={draft.method}
          onChange={(event) => dispatch({type: 'edit', patch: {method: event.target.value}})}
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
          value={draft.path}
          onChange={(event) => dispatch({type: 'edit', patch: {path: event.target.value}})}
          readOnly={compact}
          aria-invalid={problems.length > 0 && problems[0].startsWith('The path') ? true : undefined}
          spellCheck={false}
          autoComplete="off"
          data-testid="http-console-path"
        />
        <SendCancelButton
          busy={exchange.busy}
          onSend={send}
          onCancel={exchange.cancel}
          disabled={problems.length > 0}
          shortcut={shortcut}
          testId="http-console"
        >
          ▶ Send{draft.repeat > 1 ? ` × ${draft.repeat}` : ''}
        </SendCancelButton>
      </div>
      {!compact && <RequestFields draft={draft} dispatch={dispatch} showFault={showFault} added={added} />}
      {compact && (
        <details className={styles.compactRequest}>
          <summary>Request headers and body</summary>
          <pre data-testid="http-console-request-preview">
            {headers.map(([name, value]) => `${name}: ${value}`).join('\n')}
            {allowsBody(draft.method) && draft.body ? `\n\n${draft.body}` : ''}
          </pre>
        </details>
      )}
      <div aria-live="polite">
        {problems.length > 0 && (
          <ul className={styles.problems} data-testid="http-console-problems">
            {problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        )}
      </div>
      <ResponsePane
        exchange={exchange}
        compact={compact}
        shortcut={shortcut}
        copy={
          !compact && (
            <button
              type="button"
              className={`button button--link button--sm ${styles.copy}`}
              onClick={copyCurl}
              data-testid="http-console-copy-curl"
            >
              {copied ? 'Copied' : 'Copy as curl'}
            </button>
          )
        }
      />
      {manualCopy !== undefined && (
        <label className={`${styles.field} ${styles.manualCopy}`}>
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
    </section>
  );
}
