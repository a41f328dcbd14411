import type {EditorProps} from './editor-props';
import styles from './styles.module.css';

/**
 * A textarea for phones, where Monaco's ~2.5 MB and desktop keyboard handling
 * do not pay off. Same shortcuts: Ctrl/Cmd+Enter runs, Esc leaves.
 */
export default function PlainEditor({value, onChange, onRun, onEscape, height}: EditorProps) {
  return (
    <textarea
      className={styles.plainEditor}
      style={{height}}
      value={value}
      spellCheck={false}
      autoCapitalize="off"
      autoCorrect="off"
      aria-label="Snippet editor"
      onChange={(event) => onChange(event.target.value)}
      onKeyDown={(event) => {
        if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
          event.preventDefault();
          onRun(event.currentTarget.value);
        } else if (event.key === 'Escape') {
          onEscape();
        }
      }}
    />
  );
}
