import {join} from 'node:path';
import type {Plugin} from '@docusaurus/types';
import {standInPlugin} from '../stand-in';

/** The search plugin's theme directories (its search bar, its search page), on any platform. */
const searchTheme = /[\\/]@easyops-cn[\\/]docusaurus-search-local[\\/]dist[\\/]client[\\/]client[\\/]theme[\\/]\w+$/;

/** Whether the import of `request` from the directory `context` is the search plugin's own of searchByWorker. */
export function isSearchByWorker(request: string, context: string): boolean {
  return request === '../searchByWorker' && searchTheme.test(context);
}

/**
 * The search bar in every page's navbar imports searchByWorker; in the
 * browser bundle that import resolves to a stand-in that fetches it when the
 * bar first asks for its index. The search page's import does too, so that
 * the module is one chunk, not a copy in the page and another for its bar.
 */
export default function lazySearchPlugin(context: {siteDir: string}): Plugin {
  const standIn = join(context.siteDir, 'src/plugins/lazy-search/searchByWorker.ts');
  return standInPlugin('beamline-lazy-search', /^\.\.\/searchByWorker$/, ({request, context}) =>
    isSearchByWorker(request, context) ? standIn : undefined,
  );
}
