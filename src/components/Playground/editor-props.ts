export interface EditorProps {
  /** Unique per playground: Monaco keys its models (and IntelliSense) on it. */
  id: string;
  /** The file being edited, e.g. `main.ts`; its neighbours are importable by `./name`. */
  file: string;
  /** Every file of the playground, so imports between tabs type-check. */
  files: Record<string, string>;
  value: string;
  onChange(value: string): void;
  /** Runs the snippet; `latest` is this file's text if the editor has it fresher than React state. */
  onRun(latest?: string): void;
  /**
   * False (the default): Tab moves focus on, like everywhere else on the page,
   * so a keyboard user is never trapped. True once the reader opts in to Tab
   * indenting, with the shortcut in `tabFocusShortcutLabel`.
   */
  tabIndents: boolean;
  onToggleTabIndents(): void;
  dark: boolean;
  errorLine?: number;
  height: number;
}
