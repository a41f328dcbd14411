import {shortcutAction} from '@site/src/components/ui/shortcut';
import type {EditorProps} from './editor-props';
import styles from './styles.module.css';

/**
 * A textarea for phones, where Monaco's ~2.5 MB and desktop keyboard handling
 * do not pay off. Same keys as the full editor: Ctrl/Cmd+Enter runs, Tab
 * moves on unless the reader opted in to Tab indenting.
 */
export default function PlainEditor({value, onChange, onRun, tabIndents, onToggleTabIndents, height}: EditorProps) {
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
        if (shortcutAction(event, false) === 'send') {
          event.preventDefault();
          onRun(event.currentTarget.value);
        } else if (event.key.toLowerCase() === 'm' && event.ctrlKey) {
          event.preventDefault();
          onToggleTabIndents();
        } else if (event.key === 'Tab' && tabIndents && !event.shiftKey) {
          event.preventDefault();
          const area = event.currentTarget;
          area.setRangeText('  ', area.selectionStart, area.selectionEnd, 'end');
          onChange(area.value);
        }
      }}
    />
  );
}
