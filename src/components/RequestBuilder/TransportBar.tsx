import {useId} from 'react';
import type {BuilderAction, BuilderState} from './builder-state';
import {parseDeadline} from './builder-state';
import styles from './styles.module.css';

interface Props {
  state: BuilderState;
  dispatch(action: BuilderAction): void;
}

/** How the call travels: protocol, encoding, deadline. */
export default function TransportBar({state, dispatch}: Props) {
  const id = useId();
  const deadlineProblem = parseDeadline(state.deadlineText).problem;
  return (
    <fieldset className={styles.transport}>
      <legend className={styles.srOnly}>Transport</legend>
      <span className={styles.groupLabel} aria-hidden="true">
        Protocol
      </span>
      {(['connect', 'grpc-web'] as const).map((candidate) => (
        <label key={candidate} className={styles.radio}>
          <input
            type="radio"
            name={`${id}-protocol`}
            value={candidate}
            checked={state.protocol === candidate}
            onChange={() => dispatch({type: 'protocol', protocol: candidate})}
            data-testid={`request-builder-protocol-${candidate}`}
          />
          {candidate === 'connect' ? 'Connect' : 'gRPC-Web'}
        </label>
      ))}
      <label className={styles.radio}>
        <input
          type="checkbox"
          checked={state.binary}
          onChange={(event) => dispatch({type: 'binary', binary: event.target.checked})}
          data-testid="request-builder-binary"
        />
        binary (protobuf)
      </label>
      <label className={styles.deadline}>
        Deadline
        <input
          type="text"
          inputMode="numeric"
          value={state.deadlineText}
          placeholder="none"
          onChange={(event) => dispatch({type: 'deadline', text: event.target.value})}
          aria-invalid={deadlineProblem ? true : undefined}
          aria-describedby={`${id}-deadline-hint`}
          spellCheck={false}
          autoComplete="off"
          data-testid="request-builder-deadline"
        />
        <span id={`${id}-deadline-hint`}>ms (empty: no deadline)</span>
      </label>
    </fieldset>
  );
}
