import type Mark from 'mark.js/dist/mark.min.js';

let loaded: Promise<typeof Mark> | undefined;
const load = () => {
  // Another file of the package than the one the plugin imports, which resolves to this stand-in.
  loaded ??= import('mark.js/dist/mark.min.js').then((module) => module.default);
  return loaded;
};

/**
 * Stands in for mark.js, which the search plugin imports on every page to
 * highlight a search's terms on the page a hit opens: its code (~6 KB gz) is
 * fetched only when there is something to mark or unmark, i.e. after a search.
 */
export default class LazyMark {
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly root: Element) {}

  mark(keywords: string | string[], options?: object): void {
    this.queued((mark) => mark.mark(keywords, options));
  }

  unmark(options?: object): void {
    // Every page view unmarks; a page nothing was marked on needs no mark.js.
    if (!loaded && !this.root.querySelector('mark[data-markjs]')) return;
    this.queued((mark) => mark.unmark(options));
  }

  private queued(action: (mark: Mark) => void): void {
    this.queue = this.queue.then(load).then((Loaded) => action(new Loaded(this.root)));
  }
}
