import LazyIsland, {island} from '@site/src/components/LazyIsland';
import type {HttpConsoleProps} from './HttpConsole';

const httpConsole = island(() => import('./HttpConsole'), require.resolveWeak('./HttpConsole'));

/**
 * The console as pages import it: the server renders it in full, and its
 * code (the exchange, the fields, the response pane) is fetched when it nears
 * the viewport or the reader reaches it — a click on the quick start's send
 * button before then is replayed once the code is here.
 */
export default function HttpConsole(props: HttpConsoleProps) {
  const {preset = 'decide', compact = false, title = 'HTTP console'} = props;
  return (
    <LazyIsland
      of={httpConsole}
      props={props}
      name={`http-console:${preset}:${title}`}
      minHeight={compact ? 160 : 620}
    />
  );
}
