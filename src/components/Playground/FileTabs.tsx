import {useRef} from 'react';
import type React from 'react';
import clsx from 'clsx';
import styles from './styles.module.css';

interface Props {
  names: string[];
  active: string;
  edited: (name: string) => boolean;
  onSelect(name: string): void;
  /** Ids that tie each tab to the panel it controls (WAI-ARIA tabs pattern). */
  tabId(name: string): string;
  panelId: string;
}

/**
 * One tab per file; a dot marks the files the reader has changed. Keyboard as
 * in the WAI-ARIA tabs pattern: one tab stop, arrows/Home/End move between
 * tabs and open the file at once.
 */
export default function FileTabs({names, active, edited, onSelect, tabId, panelId}: Props) {
  const list = useRef<HTMLDivElement>(null);
  if (names.length < 2) return null;
  const onKeyDown = (event: React.KeyboardEvent) => {
    const at = names.indexOf(active);
    const next = {
      ArrowRight: (at + 1) % names.length,
      ArrowLeft: (at - 1 + names.length) % names.length,
      Home: 0,
      End: names.length - 1,
    }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    onSelect(names[next]);
    list.current?.querySelector<HTMLElement>(`#${CSS.escape(tabId(names[next]))}`)?.focus();
  };
  return (
    <div ref={list} className={styles.tabs} role="tablist" aria-label="Files" onKeyDown={onKeyDown}>
      {names.map((name) => (
        <button
          key={name}
          id={tabId(name)}
          type="button"
          role="tab"
          aria-selected={name === active}
          aria-controls={panelId}
          tabIndex={name === active ? 0 : -1}
          className={clsx(styles.tab, name === active && styles.tabActive)}
          onClick={() => onSelect(name)}
          data-testid={`playground-tab-${name}`}
        >
          {name}
          {edited(name) && (
            <>
              <span className={styles.editedDot} aria-hidden="true" />
              <span className={styles.visuallyHidden}> (edited)</span>
            </>
          )}
        </button>
      ))}
    </div>
  );
}
