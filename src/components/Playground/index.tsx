import LazyIsland, {type Deferred, island, onServer} from '@site/src/components/LazyIsland';
import {warmEditor} from './editor-load';
import type {PlaygroundProps} from './Playground';

const playground = island(() => import('./Playground'), require.resolveWeak('./Playground'), warmEditor);

/** A file's text, or (for the tabs beside main.ts) a loader of it: `() => import('!!raw-loader!…')`. */
type Source = string | (() => Promise<{default: string}>);

interface Props extends Omit<PlaygroundProps, 'code' | 'files'> {
  /**
   * main.ts: its text, or its text deferred (LazyIsland's `deferred`), which
   * the server HTML shows and the browser fetches with the playground's code.
   */
  code: string | Deferred<string>;
  files?: Record<string, Source>;
}

/**
 * The playground as pages import it: its code (the editor shell, the chart,
 * the fault dial) is fetched when it nears the viewport, and with it the
 * text of files given as loaders — the server HTML shows main.ts and only
 * names the other tabs, so their text need not ride in the page's chunk.
 */
export default function Playground({code, files = {}, ...props}: Props) {
  const named = Object.fromEntries(
    Object.entries(files).map(([name, source]) => [name, typeof source === 'string' ? source : '']),
  );
  const serverCode = typeof code === 'string' ? code : typeof window === 'undefined' ? onServer(code) : '';
  const fetchFiles = async () => ({
    code: typeof code === 'string' ? code : (await code.load()).default,
    files: Object.fromEntries(
      await Promise.all(
        Object.entries(files).map(async ([name, source]) => [
          name,
          typeof source === 'string' ? source : (await source()).default,
        ]),
      ),
    ),
  });
  return (
    <LazyIsland
      of={playground}
      props={{...props, code: serverCode, files: named}}
      name={`playground:${props.id}`}
      minHeight={900}
      fetchProps={fetchFiles}
    />
  );
}
