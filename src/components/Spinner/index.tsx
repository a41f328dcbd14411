import styles from './styles.module.css';

/** The small "working on it" ring shown while a run, request or call is in progress. */
export default function Spinner() {
  return <span className={styles.spinner} aria-hidden="true" />;
}
