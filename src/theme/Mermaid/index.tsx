import type React from 'react';
import {Suspense, lazy, useEffect, useRef} from 'react';
import clsx from 'clsx';
import type MermaidType from '@theme/Mermaid';
import {useNearViewport} from '@site/src/components/useNearViewport';
import {useOverflows} from '@site/src/components/useOverflows';
import {diagramSize} from './diagram-size';
import styles from './styles.module.css';

type Props = React.ComponentProps<typeof MermaidType>;

/**
 * Smallest scale a diagram may shrink to: Mermaid draws text at 16 px, so
 * 0.75 keeps it at 12 px. Below that (a phone) the diagram keeps that size and
 * scrolls sideways instead of shrinking its text to ~4 px.
 */
const minimumScale = 0.75;

// Every doc page's chunk holds this wrapper (MDX maps ```mermaid to it); the
// original, with its render hook, comes only with a diagram.
const OriginalMermaid = lazy(() => import('@theme-original/Mermaid'));

/**
 * Draws a diagram only once it nears the viewport: Mermaid and its parser
 * are ~300 KB gz that a page should not pay to be read. Until then a box
 * holds the diagram's place, drawn well before the reader scrolls to it.
 */
export default function Mermaid(props: Props) {
  const box = useRef<HTMLElement>(null);
  const near = useNearViewport(box, '800px 0px');
  const [overflows, checkOverflow] = useOverflows(box);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    // Mermaid writes the diagram's natural width as the svg's inline max-width.
    const setFloor = () => {
      const svg = element.querySelector('svg');
      const natural = svg ? Number.parseFloat(svg.style.maxWidth) : Number.NaN;
      if (svg && natural > 0) svg.style.minWidth = `${Math.round(natural * minimumScale)}px`;
      checkOverflow();
    };
    const observer = new MutationObserver(setFloor);
    observer.observe(element, {childList: true, subtree: true});
    setFloor();
    return () => observer.disconnect();
  }, [checkOverflow]);
  // The diagram's measured size (scripts/measure-diagrams.ts) holds its place
  // until Mermaid has drawn it; CSS hides the box in the frame the drawing appears.
  const size = diagramSize(props.value);
  return (
    <figure
      ref={box}
      className={clsx(styles.scroll, !near && !size && styles.placeholder)}
      data-testid="mermaid-box"
      aria-label={overflows ? 'Diagram, scrolls sideways' : 'Diagram'}
      tabIndex={overflows ? 0 : undefined}
    >
      {near && (
        <Suspense fallback={null}>
          <OriginalMermaid {...props} />
        </Suspense>
      )}
      {size && (
        <div
          className={styles.reserve}
          style={{
            aspectRatio: `${size.width} / ${size.height}`,
            maxWidth: size.width,
            minWidth: Math.round(size.width * minimumScale),
          }}
        />
      )}
    </figure>
  );
}
