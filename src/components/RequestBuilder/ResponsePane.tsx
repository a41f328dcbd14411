import CodeBlock from '@theme/CodeBlock';
import Spinner from '@site/src/components/Spinner';
import Announcer from '@site/src/components/ui/Announcer';
import StatusBadge from '@site/src/components/ui/StatusBadge';
import type {DescMethod} from '@bufbuild/protobuf';
import type {Protocol} from './builder-state';
import type {RpcOutcome} from './useRpcCall';
import styles from './styles.module.css';

interface Props {
  method: DescMethod;
  protocol: Protocol;
  busy: boolean;
  outcome?: RpcOutcome;
  shortcut: string;
  /** The call as Connect-ES code, shown under the response. */
  code: string;
}

const protocolName = (protocol: Protocol) => (protocol === 'connect' ? 'Connect' : 'gRPC-Web');

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

/** A sentence for screen readers per outcome; failures speak through their own alert. */
function announcement(method: DescMethod, protocol: Protocol, busy: boolean, outcome?: RpcOutcome): string {
  if (busy) return `Calling ${method.name} over ${protocolName(protocol)}…`;
  if (outcome?.ok) return `ok in ${Math.round(outcome.ms)} ms: the ${method.output.name} is below.`;
  return '';
}

/** The outcome of the last call: code, timing, the response message, headers and trailers. */
export default function ResponsePane({method, protocol, busy, outcome, shortcut, code}: Props) {
  return (
    <div
      className={styles.responsePane}
      data-testid="request-builder-result"
      data-outcome={busy ? 'pending' : outcome ? (outcome.ok ? 'ok' : 'error') : 'none'}
    >
      <Announcer message={announcement(method, protocol, busy, outcome)} testId="request-builder-announcement" />
      <div className={styles.statusLine}>
        {busy ? (
          <span className={styles.pending}>
            <Spinner /> Calling {method.name} over {protocolName(protocol)}…
          </span>
        ) : outcome ? (
          <>
            <StatusBadge tone={outcome.ok ? 'ok' : 'danger'} testId="request-builder-code">
              {outcome.ok ? 'ok' : outcome.code}
              {outcome.codeNumber !== undefined && ` (${outcome.codeNumber})`}
            </StatusBadge>
            <span className={styles.timing} data-testid="request-builder-timing">
              {Math.round(outcome.ms)} ms · {protocolName(outcome.protocol)} · {outcome.binary ? 'binary' : 'JSON'}
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
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a response that scrolls must be reachable by keyboard (WCAG 2.1.1)
        <section className={styles.responseJson} aria-label={`${method.output.name} as JSON`} tabIndex={0}>
          <pre data-testid="request-builder-response">{JSON.stringify(outcome.response, null, 2)}</pre>
        </section>
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
        <CodeBlock language="ts">{code}</CodeBlock>
      </details>
    </div>
  );
}
