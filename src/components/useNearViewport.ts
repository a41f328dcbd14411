import type React from 'react';
import {createContext, useContext, useEffect, useState} from 'react';

export const lazyMark = 'beamline:near-viewport';

/**
 * True once `target` comes within `margin` of the viewport, and from then on.
 * Heavy parts (the editor, the chart library, a diagram renderer) are fetched
 * then, not with the page.
 */
export function useNearViewport(target: React.RefObject<Element | null>, margin = '400px 0px'): boolean {
  const [near, setNear] = useState(false);
  useEffect(() => {
    const element = target.current;
    if (near || !element) return;
    if (typeof IntersectionObserver === 'undefined') {
      setNear(true);
      return;
    }
    const observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((entry) => entry.isIntersecting)) return;
        // Lets the page-weight benchmark tell the page's own scripts from the lazy parts.
        performance.mark(lazyMark);
        setNear(true);
      },
      {rootMargin: margin},
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [near, target, margin]);
  return near;
}

/**
 * True inside a widget rendered because the reader neared or reached it (a
 * LazyIsland's server HTML): its parts are as near, and need not wait a frame
 * for an IntersectionObserver to say so.
 */
export const ReachedWidget = createContext(false);

/**
 * True once `target` is near the viewport or the reader reaches it by
 * keyboard or pointer (a tab stop or a tap can come before any scrolling).
 */
export function useActivation(target: React.RefObject<HTMLElement | null>): boolean {
  const reached = useContext(ReachedWidget);
  const near = useNearViewport(target);
  const [touched, setTouched] = useState(false);
  useEffect(() => {
    const element = target.current;
    if (touched || !element) return;
    // Listened for here, not as JSX props: the container is no control of its own.
    const touch = () => setTouched(true);
    element.addEventListener('focusin', touch);
    element.addEventListener('pointerenter', touch);
    return () => {
      element.removeEventListener('focusin', touch);
      element.removeEventListener('pointerenter', touch);
    };
  }, [touched, target]);
  return reached || near || touched;
}
