import type React from 'react';
import {useRef} from 'react';
import {useOverflows} from '@site/src/components/useOverflows';

/**
 * Markdown tables (MDXComponents.table): Infima already lets a wide table
 * scroll sideways instead of spilling out of a phone's screen; this makes the
 * table a tab stop while it does, so it scrolls by keyboard too.
 */
export default function ScrollTable(props: React.ComponentProps<'table'>) {
  const ref = useRef<HTMLTableElement>(null);
  const [overflows] = useOverflows(ref);
  return <table ref={ref} {...props} tabIndex={overflows ? 0 : undefined} />;
}
