import {useId} from 'react';
import FaultDial from '@site/src/components/FaultDial';
import AddedHeaders from '../requests/AddedHeaders';
import type {ConsoleDraft, DraftAction} from './console-state';
import {maxRepeat} from './console-state';
import {allowsBody} from './http-text';
import styles from './styles.module.css';

interface Props {
  draft: ConsoleDraft;
  dispatch(action: DraftAction): void;
  showFault: boolean;
  /** Headers sent beyond the typed lines. */
  added: Array<[string, string]>;
}

/** Headers, body, repeat count and fault dial: the parts of a request below its first line. */
export default function RequestFields({draft, dispatch, showFault, added}: Props) {
  const id = useId();
  const edit = (patch: Extract<DraftAction, {type: 'edit'}>['patch']) => dispatch({type: 'edit', patch});
  const withBody = allowsBody(draft.method);
  return (
    <div className={styles.fields}>
      <div className={styles.field}>
        <label htmlFor={`${id}-headers`}>
          Headers <span className={styles.labelHint}>(one “Name: value” per line)</span>
        </label>
        <textarea
          id={`${id}-headers`}
          rows={4}
          value={draft.headersText}
          onChange={(event) => edit({headersText: event.target.value})}
          spellCheck={false}
          data-testid="http-console-headers"
        />
        <AddedHeaders headers={added} testId="http-console-added-headers" />
      </div>
      <div className={styles.field}>
        <label htmlFor={`${id}-body`}>Body{withBody ? '' : ` (not sent with ${draft.method})`}</label>
        <textarea
          id={`${id}-body`}
          rows={withBody ? 9 : 2}
          value={draft.body}
          onChange={(event) => edit({body: event.target.value})}
          disabled={!withBody}
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
          max={maxRepeat}
          value={draft.repeat}
          onChange={(event) => edit({repeat: Number(event.target.value)})}
          data-testid="http-console-repeat"
        />
        <span>time{draft.repeat === 1 ? '' : 's'} in a row</span>
      </div>
      {showFault && <FaultDial value={draft.fault} onChange={(fault) => edit({fault})} testIdPrefix="http-console" />}
    </div>
  );
}
