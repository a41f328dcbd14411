type SearchByWorker = typeof import('@easyops-cn/docusaurus-search-local/dist/client/client/theme/searchByWorker.js');

let loaded: Promise<SearchByWorker> | undefined;
// Another request for the same file than the search bar's, which resolves to this stand-in.
const load = () => {
  loaded ??= import('@easyops-cn/docusaurus-search-local/dist/client/client/theme/searchByWorker.js');
  return loaded;
};

/*
 * Stands in for the search plugin's searchByWorker in its search bar: that
 * module and comlink (~1.8 KB gz) start the search worker, which the bar does
 * only when a reader first hovers or focuses it, so they load then. Both
 * functions were already asynchronous.
 */

export async function fetchIndexesByWorker(...args: Parameters<SearchByWorker['fetchIndexesByWorker']>) {
  return (await load()).fetchIndexesByWorker(...args);
}

export async function searchByWorker(...args: Parameters<SearchByWorker['searchByWorker']>) {
  return (await load()).searchByWorker(...args);
}
