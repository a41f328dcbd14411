import clsx from 'clsx';
import styles from './styles.module.css';

interface Props {
  names: string[];
  active: string;
  edited: (name: string) => boolean;
  onSelect(name: string): void;
}

/** One tab per file; a dot marks the files the reader has changed. */
export default function FileTabs({names, active, edited, onSelect}: Props) {
  if (names.length < 2) return null;
  return (
    <div className={styles.tabs} role="tablist" aria-label="Files">
      {names.map((name) => (
        <button
          key={name}
          type="button"
          role="tab"
          aria-selected={name === active}
          className={clsx(styles.tab, name === active && styles.tabActive)}
          onClick={() => onSelect(name)}
          data-testid={`playground-tab-${name}`}
        >
          {name}
          {edited(name) && <span className={styles.editedDot} aria-label="edited" />}
        </button>
      ))}
    </div>
  );
}
