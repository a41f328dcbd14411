import LazyIsland, {island} from '@site/src/components/LazyIsland';
import type {PlaygroundProps} from './Playground';

const playground = island(() => import('./Playground'), require.resolveWeak('./Playground'));

/**
 * The playground as pages import it: its code (the editor shell, the chart,
 * the fault dial) is fetched when it nears the viewport.
 */
export default function Playground(props: PlaygroundProps) {
  return <LazyIsland of={playground} props={props} name={`playground:${props.id}`} minHeight={900} />;
}
