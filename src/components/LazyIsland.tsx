import {type ComponentType, useEffect, useRef, useState} from 'react';
import {ReachedWidget, useActivation} from './useNearViewport';

declare global {
  namespace NodeJS {
    interface Require {
      /** Webpack's: a module's id, without bundling the module with the caller. */
      resolveWeak(path: string): string | number;
    }
  }
}
declare const __webpack_require__: (id: string | number) => unknown;

const focusable = 'a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])';

/** A module a page fetches only when it is needed: `() => import(path)` and `require.resolveWeak(path)`. */
export interface Deferred<T> {
  load(): Promise<{default: T}>;
  /** The same module's `require.resolveWeak`. */
  moduleId: string | number;
}

/**
 * `() => import(path)` and `require.resolveWeak(path)` of the same module
 * (say, a `!!raw-loader!` file's text): the server renders it in full, the
 * browser fetches it only with the widget that shows it.
 */
export function deferred<T>(load: () => Promise<{default: T}>, moduleId: string | number): Deferred<T> {
  return {load, moduleId};
}

/** A component whose code a page fetches only when it is about to be used (see LazyIsland). */
export interface Island<P> extends Deferred<ComponentType<P>> {
  /** Set once the code is here: later islands of this kind render at once. */
  loaded?: ComponentType<P>;
  /**
   * Started beside `load` when the reader nears the server HTML: what the
   * live widget shows first and would otherwise ask for only once rendered
   * (the playground's editor). The widget goes live once it has settled, so
   * it renders once, with that part, not with a placeholder for it first.
   * Never rejects: the widget copes with the part missing.
   */
  warm?: () => Promise<unknown>;
}

export function island<P>(
  load: () => Promise<{default: ComponentType<P>}>,
  moduleId: string | number,
  warm?: () => Promise<unknown>,
): Island<P> {
  return {load, moduleId, warm};
}

/**
 * On the server, a deferred module's export at once: a server render that
 * suspended would be streamed apart and revealed by a script after the first
 * paint. On Node a chunk is loaded with a synchronous require(): the module
 * is there when load() returns.
 */
export function onServer<T>({load, moduleId}: Deferred<T>): T {
  void load();
  return (__webpack_require__(moduleId) as {default: T}).default;
}

interface Props<P> {
  of: Island<P>;
  props: P;
  /** Unique in the page: finds this island's server HTML (`data-island`). */
  name: string;
  /** Held while the code loads after a client-side navigation, where there is no server HTML to show. */
  minHeight: number;
  /**
   * Props only the live widget needs, fetched with its code (say, the text of
   * files the server HTML only names); laid over `props`.
   */
  fetchProps?: () => Promise<Partial<P>>;
}

/**
 * A component rendered in full on the server but fetched in the browser only
 * when it nears the viewport or the reader reaches it (focus, pointer). Until
 * then the server's HTML stays as it is — a div whose innerHTML React leaves
 * alone, as the island is not hydrated — so the page shows the widget at its
 * final size and its code costs the page nothing. The code then renders the
 * widget afresh in one commit, in the same place and at the same size. The
 * server HTML's controls hand over to the live ones: focus moves to the same
 * control, and a button clicked while the code was on its way is clicked again.
 */
export default function LazyIsland<P extends object>({of, props, name, minHeight, fetchProps}: Props<P>) {
  if (typeof window === 'undefined') {
    of.loaded ??= onServer(of);
    const Component = of.loaded;
    return (
      <div data-island={name}>
        <Component {...props} />
      </div>
    );
  }
  return <InBrowser of={of} props={props} name={name} minHeight={minHeight} fetchProps={fetchProps} />;
}

function InBrowser<P extends object>({of, props, name, minHeight, fetchProps}: Props<P>) {
  const box = useRef<HTMLDivElement>(null);
  const [live, setLive] = useState<{Component: ComponentType<P>; fetched: Partial<P>} | undefined>(() =>
    of.loaded && !fetchProps ? {Component: of.loaded, fetched: {}} : undefined,
  );
  const Live = live?.Component;
  // Server HTML is there when the page was loaded, not when a client-side navigation rendered it.
  const [fromServer] = useState(
    () => !of.loaded && !!document.querySelector(`[data-island="${CSS.escape(name)}"]`)?.hasChildNodes(),
  );
  const wanted = useActivation(box) || !fromServer;
  // A page's MDX hands over new functions on every render; the first one fetches.
  const fetchRef = useRef(fetchProps);
  useEffect(() => {
    if (!wanted || Live) return;
    let current = true;
    // Not after a client-side navigation: the widget renders at once, wherever it is, and its parts load as they near the viewport.
    const warmed = fromServer ? of.warm?.() : undefined;
    void Promise.all([of.load(), fetchRef.current?.() ?? {}, warmed]).then(([module, fetched]) => {
      of.loaded = module.default;
      if (current) setLive({Component: module.default, fetched});
    });
    return () => {
      current = false;
    };
  }, [wanted, Live, of, fromServer]);

  // What the reader did to the server HTML's controls: the live widget's control at the same place gets it.
  const handOver = useRef<{at: number; testId: string | null; click: boolean} | null>(null);
  useEffect(() => {
    const element = box.current;
    if (Live || !element) return;
    // By test id when it has one: the live widget may add controls the server could not know of (a room banner).
    const controlAt = (target: EventTarget | null) => {
      const control = target instanceof Element ? target.closest(focusable) : null;
      return {
        at: control ? [...element.querySelectorAll(focusable)].indexOf(control) : -1,
        testId: control?.getAttribute('data-testid') ?? null,
      };
    };
    const focused = (event: FocusEvent) => {
      handOver.current = {...controlAt(event.target), click: false};
    };
    const clicked = (event: MouseEvent) => {
      if (event.target instanceof Element && event.target.closest('button'))
        handOver.current = {...controlAt(event.target), click: true};
    };
    element.addEventListener('focusin', focused);
    element.addEventListener('click', clicked);
    return () => {
      element.removeEventListener('focusin', focused);
      element.removeEventListener('click', clicked);
    };
  }, [Live]);
  useEffect(() => {
    const action = handOver.current;
    if (!Live || !action || action.at < 0) return;
    handOver.current = null;
    const control = action.testId
      ? box.current?.querySelector<HTMLElement>(`[data-testid="${CSS.escape(action.testId)}"]`)
      : box.current?.querySelectorAll<HTMLElement>(focusable)[action.at];
    if (document.activeElement === document.body) control?.focus();
    if (action.click) control?.click();
  }, [Live]);
  if (Live)
    return (
      // data-island-live: for tests, which tell the server HTML from the live widget by it.
      <div ref={box} key="live" data-island={name} data-island-live="">
        <ReachedWidget.Provider value={fromServer}>
          <Live {...props} {...live.fetched} />
        </ReachedWidget.Provider>
      </div>
    );
  if (!fromServer) return <div ref={box} key="loading" data-island={name} style={{minHeight}} />;
  return (
    <div
      ref={box}
      key="server"
      data-island={name}
      // biome-ignore lint/security/noDangerouslySetInnerHtml: empty, so that React keeps the server's markup
      dangerouslySetInnerHTML={{__html: ''}}
      suppressHydrationWarning
    />
  );
}
