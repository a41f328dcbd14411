import {useState, type ReactNode} from 'react';

/**
 * A `<details>` whose content is built only while it is open: a table of
 * every value behind "Show data" costs nothing until a reader asks for it,
 * nor on each update of the figure it describes while closed. The content
 * is a function so that not even its elements are made while closed.
 */
export default function LazyDetails({summary, children}: {summary: ReactNode; children: () => ReactNode}) {
  const [open, setOpen] = useState(false);
  return (
    <details onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>{summary}</summary>
      {open && children()}
    </details>
  );
}
