import type React from 'react';
import {useCallback, useEffect, useId, useMemo, useState} from 'react';
import CodeBlock from '@theme/CodeBlock';
import FaultDial from '@site/src/components/HttpConsole/FaultDial';
import Spinner from '@site/src/components/Spinner';
import {faultSpec, noFaults, withFaultHeader, type FaultSettings} from '@site/src/contract';
import {parseHeaderLines} from '@site/src/components/HttpConsole/http-text';
import {readerTenant} from '@site/src/playground/session';
import {callAsCode} from './call-code';
import MessageEditor from './FieldEditor';
import {sampleRequest} from './samples';
import {findMethod, methodId, services, type JsonObject} from './schema';
import {toRequestMessage, useRpcCall, type Protocol} from './useRpcCall';
import styles from './styles.module.css';

export const adminKeyHeader = 'x-api-key: playground-admin-key';
const isMac = () => /Mac|iPhone|iPad/.test(navigator.platform);

function defaultHeaders(admin: boolean): string {
  const correlation = `x-correlation-id: builder-${Math.random().toString(36).slice(2, 10)}`;
  return admin ? `${correlation}\n${adminKeyHeader}` : correlation;
}

/** Keeps the admin key line in step with the chosen service, leaving the reader's other lines alone. */
function withAdminKey(text: string, admin: boolean): string {
  const lines = text.split('\n').filter((line) => !/^\s*x-api-key\s*:/i.test(line));
  return (admin ? [...lines.filter((line) => line.trim()), adminKeyHeader] : lines).join('\n');
}

function Pairs({pairs, testId, empty}: {pairs: Array<[string, string]>; testId: string; empty: string}) {
  if (!pairs.length)
    return (
      <p className={styles.empty} data-testid={testId}>
        {empty}
      </p>
    );
  return (
    <dl className={styles.pairs} data-testid={testId}>
      {pairs.map(([name, value]) => (
        <div key={name} data-header={name}>
          <dt>{name}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export default function Builder({method: initialMethod = 'beamline.flow.v1.Router/Decide'}: {method?: string}) {
  const id = useId();
  const [tenant] = useState(readerTenant);
  const [selected, setSelected] = useState(
    findMethod(initialMethod) ? initialMethod : 'beamline.flow.v1.Router/Decide',
  );
  const method = findMethod(selected)!;
  const admin = method.parent.name === 'RouterAdmin';
  const [request, setRequest] = useState<JsonObject>(() => sampleRequest(selected, tenant));
  const [mode, setMode] = useState<'form' | 'json'>('form');
  const [jsonText, setJsonText] = useState(() => JSON.stringify(request, null, 2));
  const [jsonProblem, setJsonProblem] = useState<string>();
  const [protocol, setProtocol] = useState<Protocol>('connect');
  const [binary, setBinary] = useState(false);
  const [timeoutMs, setTimeoutMs] = useState(5000);
  const [headersText, setHeadersText] = useState(() => defaultHeaders(admin));
  const [fault, setFault] = useState<FaultSettings>(noFaults);
  const rpc = useRpcCall();

  const replaceRequest = useCallback((next: JsonObject) => {
    setRequest(next);
    setJsonText(JSON.stringify(next, null, 2));
    setJsonProblem(undefined);
  }, []);

  const choose = (next: string) => {
    const nextMethod = findMethod(next);
    if (!nextMethod) return;
    setSelected(next);
    replaceRequest(sampleRequest(next, tenant));
    setHeadersText((text) => withAdminKey(text, nextMethod.parent.name === 'RouterAdmin'));
  };

  const editJson = (text: string) => {
    setJsonText(text);
    try {
      const parsed = JSON.parse(text) as unknown;
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
        throw new Error(`a ${method.input.name} is a JSON object`);
      const {problem} = toRequestMessage(method, parsed as JsonObject);
      setJsonProblem(problem);
      setRequest(parsed as JsonObject);
    } catch (error) {
      setJsonProblem(`Not valid JSON: ${(error as Error).message}`);
    }
  };

  useEffect(() => {
    if (mode === 'form') setJsonText(JSON.stringify(request, null, 2));
  }, [request, mode]);

  const parsedHeaders = useMemo(() => parseHeaderLines(headersText), [headersText]);
  const spec = faultSpec(fault);
  const headers = useMemo(() => withFaultHeader(parsedHeaders.headers, spec), [parsedHeaders.headers, spec]);
  const problems = [...(mode === 'json' && jsonProblem ? [jsonProblem] : []), ...parsedHeaders.problems];
  const blocked = problems.length > 0 || (mode === 'json' && Boolean(jsonProblem));

  const send = () => {
    if (blocked || rpc.busy) return;
    void rpc.call({method, request, protocol, binary, headers, timeoutMs});
  };
  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      send();
    } else if (event.key === 'Escape' && rpc.busy) {
      event.preventDefault();
      rpc.cancel();
    }
  };

  const outcome = rpc.outcome;
  const shortcut = isMac() ? '⌘+Enter' : 'Ctrl+Enter';

  return (
    <section
      className={styles.builder}
      data-testid="request-builder"
      aria-label="Request builder"
      onKeyDown={onKeyDown}
    >
      <div className={styles.bar}>
        <span className={styles.title}>Request builder</span>
        <label className={styles.methodPicker}>
          <span>Method</span>
          <select
            value={selected}
            onChange={(event) => choose(event.target.value)}
            data-testid="request-builder-method"
          >
            {services.map((service) => (
              <optgroup key={service.typeName} label={service.typeName}>
                {service.methods.map((candidate) => (
                  <option key={candidate.name} value={methodId(candidate)} disabled={candidate.methodKind !== 'unary'}>
                    {service.name}.{candidate.name}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </label>
      </div>
      <p className={styles.signature} data-testid="request-builder-signature">
        <code>
          rpc {method.name}({method.input.name}) returns ({method.output.name})
        </code>
        <span> · POST /{methodId(method)}</span>
        {admin && (
          <span>
            {' '}
            · admin calls need <code>x-api-key</code>
          </span>
        )}
      </p>

      <div className={styles.transport} role="group" aria-label="Transport">
        <span className={styles.groupLabel}>Protocol</span>
        {(['connect', 'grpc-web'] as const).map((candidate) => (
          <label key={candidate} className={styles.radio}>
            <input
              type="radio"
              name={`${id}-protocol`}
              value={candidate}
              checked={protocol === candidate}
              onChange={() => setProtocol(candidate)}
              data-testid={`request-builder-protocol-${candidate}`}
            />
            {candidate === 'connect' ? 'Connect' : 'gRPC-Web'}
          </label>
        ))}
        <label className={styles.radio}>
          <input
            type="checkbox"
            checked={binary}
            onChange={(event) => setBinary(event.target.checked)}
            data-testid="request-builder-binary"
          />
          binary (protobuf)
        </label>
        <label className={styles.deadline}>
          Deadline
          <input
            type="number"
            min={0}
            max={60000}
            step={100}
            value={timeoutMs}
            onChange={(event) =>
              setTimeoutMs(Math.max(0, Math.min(60000, Math.round(Number(event.target.value) || 0))))
            }
            data-testid="request-builder-deadline"
          />
          ms
        </label>
      </div>

      <div className={styles.columns}>
        <div className={styles.requestPane}>
          <div className={styles.modeTabs} role="group" aria-label="Edit the request as">
            <span className={styles.groupLabel}>{method.input.name}</span>
            {(['form', 'json'] as const).map((candidate) => (
              <button
                key={candidate}
                type="button"
                className={mode === candidate ? styles.modeActive : styles.mode}
                aria-pressed={mode === candidate}
                disabled={candidate === 'form' && Boolean(jsonProblem)}
                title={candidate === 'form' && jsonProblem ? 'Fix the JSON first' : undefined}
                onClick={() => setMode(candidate)}
                data-testid={`request-builder-mode-${candidate}`}
              >
                {candidate === 'form' ? 'Form' : 'JSON'}
              </button>
            ))}
            <button
              type="button"
              className={styles.mode}
              onClick={() => replaceRequest(sampleRequest(selected, tenant))}
              data-testid="request-builder-reset"
            >
              ↺ Sample
            </button>
          </div>
          {mode === 'form' ? (
            <div data-testid="request-builder-form">
              <MessageEditor desc={method.input} value={request} onChange={replaceRequest} />
            </div>
          ) : (
            <textarea
              className={styles.json}
              rows={14}
              value={jsonText}
              onChange={(event) => editJson(event.target.value)}
              spellCheck={false}
              aria-label={`${method.input.name} as JSON`}
              aria-invalid={jsonProblem ? true : undefined}
              data-testid="request-builder-json"
            />
          )}
          <label className={styles.headersLabel} htmlFor={`${id}-headers`}>
            Metadata <span className={styles.labelHint}>(request headers, one “name: value” per line)</span>
          </label>
          <textarea
            id={`${id}-headers`}
            className={styles.json}
            rows={3}
            value={headersText}
            onChange={(event) => setHeadersText(event.target.value)}
            spellCheck={false}
            data-testid="request-builder-headers"
          />
          <FaultDial value={fault} onChange={setFault} testIdPrefix="request-builder" />
          {problems.length > 0 && (
            <ul className={styles.problems} role="alert" data-testid="request-builder-problems">
              {problems.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          )}
          <div className={styles.actions}>
            {rpc.busy ? (
              <button
                type="button"
                className="button button--secondary button--sm"
                onClick={rpc.cancel}
                data-testid="request-builder-cancel"
              >
                ■ Cancel
              </button>
            ) : (
              <button
                type="button"
                className="button button--primary button--sm"
                onClick={send}
                disabled={blocked}
                title={`Send (${shortcut})`}
                data-testid="request-builder-send"
              >
                ▶ Send
              </button>
            )}
            <span className={styles.hint}>{shortcut} sends · Esc cancels</span>
          </div>
        </div>

        <div
          className={styles.responsePane}
          aria-live="polite"
          data-testid="request-builder-result"
          data-outcome={rpc.busy ? 'pending' : outcome ? (outcome.ok ? 'ok' : 'error') : 'none'}
        >
          <div className={styles.statusLine}>
            {rpc.busy ? (
              <span className={styles.pending}>
                <Spinner /> Calling {method.name} over {protocol === 'connect' ? 'Connect' : 'gRPC-Web'}…
              </span>
            ) : outcome ? (
              <>
                <span className={outcome.ok ? styles.ok : styles.failed} data-testid="request-builder-code">
                  {outcome.ok ? 'ok' : outcome.code}
                  {outcome.codeNumber !== undefined && ` (${outcome.codeNumber})`}
                </span>
                <span className={styles.timing} data-testid="request-builder-timing">
                  {Math.round(outcome.ms)} ms · {outcome.protocol === 'connect' ? 'Connect' : 'gRPC-Web'} ·{' '}
                  {outcome.binary ? 'binary' : 'JSON'}
                </span>
              </>
            ) : (
              <span className={styles.empty}>
                Press Send ({shortcut}): the response, its headers and trailers appear here.
              </span>
            )}
          </div>
          {outcome && !outcome.ok && (
            <p className={styles.errorMessage} role="alert" data-testid="request-builder-error">
              {outcome.message}
            </p>
          )}
          {outcome?.ok && (
            <pre
              className={styles.responseJson}
              data-testid="request-builder-response"
              tabIndex={0}
              aria-label={`${method.output.name} as JSON`}
            >
              {JSON.stringify(outcome.response, null, 2)}
            </pre>
          )}
          {outcome && (
            <>
              <h4 className={styles.subhead}>Response headers</h4>
              <Pairs pairs={outcome.headers} testId="request-builder-response-headers" empty="none" />
              <h4 className={styles.subhead}>Trailers</h4>
              <Pairs pairs={outcome.trailers} testId="request-builder-trailers" empty="none" />
            </>
          )}
          <details className={styles.asCode}>
            <summary>This call as TypeScript (Connect-ES)</summary>
            <CodeBlock language="ts">{callAsCode(method, request, protocol, binary, headers, timeoutMs)}</CodeBlock>
          </details>
        </div>
      </div>
    </section>
  );
}
