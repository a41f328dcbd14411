export interface EditorProps {
  /** Unique per playground: Monaco keys its model (and IntelliSense) on it. */
  id: string;
  value: string;
  onChange(value: string): void;
  onRun(): void;
  /** Leave the editor (keyboard users must never be trapped in it). */
  onEscape(): void;
  dark: boolean;
  errorLine?: number;
  height: number;
}
