import {useMemo, useReducer} from 'react';
import SendCancelButton from '@site/src/components/ui/SendCancelButton';
import {useSendShortcut, useShortcutLabel} from '@site/src/components/ui/useShortcuts';
import RoomBanner from '@site/src/components/RoomBanner';
import {currentRoom} from '@site/src/components/RoomBanner/room';
import {readerSession, tenantFor} from '@site/src/snippet-runner/session';
import {builderReducer, initialBuilder, outgoingCall} from './builder-state';
import {callAsCode} from './call-code';
import RequestPane from './RequestPane';
import ResponsePane from './ResponsePane';
import {methodId, services} from './schema';
import TransportBar from './TransportBar';
import {useRpcCall} from './useRpcCall';
import styles from './styles.module.css';

const randomId = () => Math.random().toString(36).slice(2, 10);

export default function Builder({method: initialMethod}: {method?: string}) {
  // The builder renders in the browser only, so the tab's reader and room are known at once.
  const reader = useMemo(() => ({session: readerSession(), room: currentRoom()}), []);
  const [state, dispatch] = useReducer(builderReducer, undefined, () =>
    initialBuilder(initialMethod ?? '', tenantFor(reader.session), `builder-${randomId()}`),
  );
  const rpc = useRpcCall();
  const shortcut = useShortcutLabel();
  const call = useMemo(() => outgoingCall(state, reader), [state, reader]);
  const {method} = call;
  const admin = method.parent.name === 'RouterAdmin';

  const send = () => {
    if (call.problems.length || rpc.busy) return;
    const {protocol, binary, request} = state;
    void rpc.call({method, request, protocol, binary, headers: call.headers, timeoutMs: call.timeoutMs});
  };
  const onKeyDown = useSendShortcut({send, cancel: rpc.cancel, busy: rpc.busy});

  return (
    <section
      className={styles.builder}
      data-testid="request-builder"
      aria-label="Request builder"
      onKeyDown={onKeyDown}
    >
      <RoomBanner />
      <div className={styles.bar}>
        <span className={styles.title}>Request builder</span>
        <label className={styles.methodPicker}>
          <span>Method</span>
          <select
            value={state.methodId}
            onChange={(event) => dispatch({type: 'method', methodId: event.target.value})}
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
            · admin calls need <code>x-api-key</code> (on a workshop server, the key it printed at start)
          </span>
        )}
      </p>
      <TransportBar state={state} dispatch={dispatch} />
      <div className={styles.columns}>
        <RequestPane
          state={state}
          dispatch={dispatch}
          problems={call.problems}
          added={call.added}
          actions={
            <div className={styles.actions}>
              <SendCancelButton
                busy={rpc.busy}
                onSend={send}
                onCancel={rpc.cancel}
                disabled={call.problems.length > 0}
                shortcut={shortcut}
                testId="request-builder"
              />
              <span className={styles.hint}>{shortcut} sends · Esc cancels</span>
            </div>
          }
        />
        <ResponsePane
          method={method}
          protocol={state.protocol}
          busy={rpc.busy}
          outcome={rpc.outcome}
          shortcut={shortcut}
          code={callAsCode(method, state.request, state.protocol, state.binary, call.headers, call.timeoutMs ?? 0)}
        />
      </div>
    </section>
  );
}
