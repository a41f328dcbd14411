import type React from 'react';
import FaultDial from '@site/src/components/FaultDial';
import {useCallback, useId} from 'react';
import AddedHeaders from '../requests/AddedHeaders';
import type {BuilderAction, BuilderState} from './builder-state';
import MessageEditor, {FieldProblems} from './MessageEditor';
import {findMethod} from './schema';
import styles from './styles.module.css';

interface Props {
  state: BuilderState;
  dispatch(action: BuilderAction): void;
  problems: string[];
  /** Headers sent beyond the typed metadata. */
  added: Array<[string, string]>;
  /** Send and Cancel, under the problems that hold Send. */
  actions: React.ReactNode;
}

/** The request message (as a form or as JSON), its metadata and the fault dial. */
export default function RequestPane({state, dispatch, problems, added, actions}: Props) {
  const id = useId();
  const method = findMethod(state.methodId)!;
  const reportProblem = useCallback(
    (path: string, problem?: string) => dispatch({type: 'fieldProblem', path, problem}),
    [dispatch],
  );
  const formHasProblems = Object.keys(state.fieldProblems).length > 0;
  return (
    <div className={styles.requestPane}>
      <fieldset className={styles.modeTabs}>
        <legend className={styles.srOnly}>Edit the {method.input.name} as</legend>
        <span className={styles.groupLabel} aria-hidden="true">
          {method.input.name}
        </span>
        {(['form', 'json'] as const).map((candidate) => {
          const blocked = candidate === 'form' ? Boolean(state.json.problem) : formHasProblems;
          return (
            <button
              key={candidate}
              type="button"
              className={state.mode === candidate ? styles.modeActive : styles.mode}
              aria-pressed={state.mode === candidate}
              disabled={blocked}
              title={blocked ? `Fix the ${candidate === 'form' ? 'JSON' : 'form'} first` : undefined}
              onClick={() => dispatch({type: 'mode', mode: candidate})}
              data-testid={`request-builder-mode-${candidate}`}
            >
              {candidate === 'form' ? 'Form' : 'JSON'}
            </button>
          );
        })}
        <button
          type="button"
          className={styles.mode}
          onClick={() => dispatch({type: 'sample'})}
          data-testid="request-builder-reset"
        >
          ↺ Sample
        </button>
      </fieldset>
      {state.mode === 'form' ? (
        <div data-testid="request-builder-form">
          <FieldProblems.Provider value={reportProblem}>
            <MessageEditor
              key={state.revision}
              desc={method.input}
              value={state.request}
              onChange={(request) => dispatch({type: 'form', request})}
            />
          </FieldProblems.Provider>
        </div>
      ) : (
        <textarea
          className={styles.json}
          rows={14}
          value={state.json.text}
          onChange={(event) => dispatch({type: 'json', text: event.target.value})}
          spellCheck={false}
          aria-label={`${method.input.name} as JSON`}
          aria-invalid={state.json.problem ? true : undefined}
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
        value={state.headersText}
        onChange={(event) => dispatch({type: 'headers', text: event.target.value})}
        spellCheck={false}
        data-testid="request-builder-headers"
      />
      <AddedHeaders headers={added} testId="request-builder-added-headers" />
      <FaultDial
        value={state.fault}
        onChange={(fault) => dispatch({type: 'fault', fault})}
        testIdPrefix="request-builder"
      />
      <div aria-live="polite">
        {problems.length > 0 && (
          <ul className={styles.problems} data-testid="request-builder-problems">
            {problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        )}
      </div>
      {actions}
    </div>
  );
}
