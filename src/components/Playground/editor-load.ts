import type {ComponentType} from 'react';
import type {EditorProps} from './editor-props';

/** Below this width the playground shows PlainEditor: Monaco's weight and desktop keys do not pay off on a phone. */
export const phoneQuery = '(max-width: 480px)';

let loading: Promise<ComponentType<EditorProps>> | undefined;
let loaded: ComponentType<EditorProps> | undefined;

/** Monaco and the editor around it, fetched once per page by whoever asks first. */
export function loadMonacoEditor(): Promise<ComponentType<EditorProps>> {
  loading ??= import('./MonacoEditor').then((module) => {
    loaded = module.default;
    return loaded;
  });
  return loading;
}

/**
 * The editor if it is here already: rendered at once, not through a Suspense
 * boundary, which would show its fallback for a frame and then hold the
 * editor back (React paces a fallback's replacement to ~300 ms).
 */
export const loadedMonacoEditor = (): ComponentType<EditorProps> | undefined => loaded;

/**
 * For the playground's island (see LazyIsland's `warm`): Monaco is the
 * largest part and the first one shown, and would otherwise be asked for only
 * once the playground has rendered.
 */
export function warmEditor(): Promise<unknown> {
  if (window.matchMedia(phoneQuery).matches) return Promise.resolve();
  return loadMonacoEditor().catch(() => undefined);
}
