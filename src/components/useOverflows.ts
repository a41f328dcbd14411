import type React from 'react';
import {useCallback, useEffect, useState} from 'react';

/**
 * Whether the element's content is wider than the element, kept current as
 * either changes size. A region that scrolls must be a tab stop so a
 * keyboard can scroll it (WCAG 2.1.1) — and only then, or it is an empty stop.
 */
export function useOverflows(target: React.RefObject<HTMLElement | null>): [boolean, () => void] {
  const [overflows, setOverflows] = useState(false);
  const check = useCallback(() => {
    const element = target.current;
    if (element) setOverflows(element.scrollWidth > element.clientWidth + 1);
  }, [target]);
  useEffect(() => {
    const element = target.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(check);
    observer.observe(element);
    for (const child of element.children) observer.observe(child);
    // Content that arrives later (a diagram rendered in the browser) changes the children.
    const mutations = new MutationObserver(() => {
      for (const child of element.children) observer.observe(child);
      check();
    });
    mutations.observe(element, {childList: true, subtree: true});
    check();
    return () => {
      observer.disconnect();
      mutations.disconnect();
    };
  }, [target, check]);
  // For content that widens without any box changing size (see the Mermaid wrapper).
  return [overflows, check];
}
