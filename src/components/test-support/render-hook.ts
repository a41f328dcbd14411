import {act, createElement} from 'react';
import {createRoot} from 'react-dom/client';

// React warns when updates happen outside act() unless told this is a test.
(globalThis as {IS_REACT_ACT_ENVIRONMENT?: boolean}).IS_REACT_ACT_ENVIRONMENT = true;

function Probe<Result, Props>(props: {hook: (props: Props) => Result; value: Props; report: (result: Result) => void}) {
  props.report(props.hook(props.value));
  return null;
}

export interface RenderedHook<Result, Props> {
  /** What the hook returned at its latest render. */
  readonly current: Result;
  rerender(props: Props): Promise<void>;
  unmount(): Promise<void>;
}

/**
 * Renders a hook in a component of its own, in the test file's DOM
 * (`@vitest-environment happy-dom`): effects and state updates run as in the
 * page, inside act().
 */
export async function renderHook<Result, Props>(
  hook: (props: Props) => Result,
  initialProps: Props,
): Promise<RenderedHook<Result, Props>> {
  let latest: Result | undefined;
  const report = (result: Result) => {
    latest = result;
  };
  const root = createRoot(document.createElement('div'));
  const render = (value: Props) => createElement(Probe<Result, Props>, {hook, value, report});
  await act(async () => root.render(render(initialProps)));
  return {
    get current() {
      return latest as Result;
    },
    rerender: (props) => act(async () => root.render(render(props))),
    unmount: () => act(async () => root.unmount()),
  };
}
