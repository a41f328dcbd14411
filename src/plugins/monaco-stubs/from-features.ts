/*
 * The real modules behind the editor core's forwarding stubs (markdown.ts,
 * editor-worker.ts, select-box.ts, context-menu.ts), handed over by monaco-features.ts: the
 * features are their only callers, so nothing calls them before they are here.
 */

// Monaco's modules ship no types; these are the parts the stubs forward to.
type Callable = (...args: unknown[]) => unknown;
type Listen = (listener: () => void) => {dispose(): void};
export interface ContextMenuServiceLike {
  readonly onDidShowContextMenu: Listen;
  readonly onDidHideContextMenu: Listen;
  configure(options: unknown): void;
  showContextMenu(delegate: unknown): void;
  dispose(): void;
}
export interface FeatureModules {
  markdownRenderer: {renderMarkdown: Callable; renderAsPlaintext: Callable};
  editorWebWorker: {EditorWorker: new (...args: unknown[]) => object};
  selectBox: {SelectBox: new (...args: unknown[]) => object};
  contextMenuService: {ContextMenuService: new (...args: unknown[]) => ContextMenuServiceLike};
}

const modules: Partial<FeatureModules> = {};

export function provideFeatureModules(provided: FeatureModules): void {
  Object.assign(modules, provided);
}

export function fromFeatures<K extends keyof FeatureModules>(name: K): FeatureModules[K] {
  const module = modules[name];
  if (!module) throw new Error(`Monaco's ${name} arrives with its editing features (see src/plugins/monaco-stubs.ts)`);
  return module as FeatureModules[K];
}
