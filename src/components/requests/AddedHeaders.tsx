import {SESSION_HEADER} from '../../contract';
import {ROOM_HEADER} from '../../contract/room';
import styles from './styles.module.css';

const why: Record<string, string> = {
  [SESSION_HEADER]: 'you, in this tab',
  [ROOM_HEADER]: 'your workshop room',
};

/**
 * The reader's headers a request carries beyond the lines they typed, each
 * with what it stands for, so the request the reader sees is the one sent
 * (the fault dial shows its own header).
 */
export default function AddedHeaders({headers, testId}: {headers: Array<[string, string]>; testId: string}) {
  if (!headers.length) return null;
  return (
    <div className={styles.added} data-testid={testId}>
      <div className={styles.addedTitle}>Also sent</div>
      {headers.map(([name, value]) => (
        <div key={name}>
          <code>
            {name}: {value}
          </code>
          <span className={styles.why}> — {why[name]}</span>
        </div>
      ))}
    </div>
  );
}
