import LazyIsland, {type Deferred, deferred, island, onServer} from '@site/src/components/LazyIsland';
import type {SourceFileProps} from './index';

const sourceFile = island(() => import('./index'), require.resolveWeak('./index'));

interface Props extends Omit<SourceFileProps, 'code'> {
  /** The file's text as a deferred raw-loader import (see `deferredText`). */
  code: Deferred<string>;
}

/** A file's text, rendered in full on the server and fetched in the browser only when the file nears the viewport. */
export const deferredText = deferred<string>;

/**
 * SourceFile for a page of several long files (the generated clients): their
 * text is in the server HTML but not in the page's script; the browser
 * fetches it (and the block's copy button with it) when the file nears the
 * viewport. A separate module so that pages showing short files as text do
 * not carry the island's code.
 */
export default function DeferredSourceFile({code, ...props}: Props) {
  return (
    <LazyIsland
      of={sourceFile}
      props={{...props, code: typeof window === 'undefined' ? onServer(code) : ''}}
      name={`source-file:${props.path}`}
      minHeight={400}
      fetchProps={async () => ({code: (await code.load()).default})}
    />
  );
}
