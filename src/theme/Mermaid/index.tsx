import type React from 'react';
import {useRef} from 'react';
import OriginalMermaid from '@theme-original/Mermaid';
import type MermaidType from '@theme/Mermaid';
import {useNearViewport} from '@site/src/components/useNearViewport';
import styles from './styles.module.css';

type Props = React.ComponentProps<typeof MermaidType>;

/**
 * Draws a diagram only once it nears the viewport: Mermaid and its parser
 * are ~300 KB gz that a page should not pay to be read. Until then a box
 * holds the diagram's place, drawn well before the reader scrolls to it.
 */
export default function Mermaid(props: Props) {
  const box = useRef<HTMLDivElement>(null);
  const near = useNearViewport(box, '800px 0px');
  return (
    <div ref={box} className={near ? undefined : styles.placeholder} data-testid="mermaid-box">
      {near && <OriginalMermaid {...props} />}
    </div>
  );
}
