import {afterEach, describe, expect, it, vi} from 'vitest';
import {isSearchByWorker} from './lazy-search';

const real = vi.hoisted(() => ({
  evaluated: 0,
  fetchIndexesByWorker: vi.fn(async () => undefined),
  searchByWorker: vi.fn(async () => [{document: 'hit'}]),
}));
vi.mock('@easyops-cn/docusaurus-search-local/dist/client/client/theme/searchByWorker.js', () => {
  real.evaluated += 1;
  return {fetchIndexesByWorker: real.fetchIndexesByWorker, searchByWorker: real.searchByWorker};
});

describe('isSearchByWorker', () => {
  const theme = '/site/node_modules/@easyops-cn/docusaurus-search-local/dist/client/client/theme';
  it("takes the search bar's and the search page's import of it", () => {
    expect(isSearchByWorker('../searchByWorker', `${theme}/SearchBar`)).toBe(true);
    expect(isSearchByWorker('../searchByWorker', `${theme}/SearchPage`)).toBe(true);
    expect(isSearchByWorker('../searchByWorker', `${theme.replaceAll('/', '\\')}\\SearchBar`)).toBe(true);
  });
  it('leaves other modules, and other packages that happen to have one', () => {
    expect(isSearchByWorker('../SuggestionTemplate', `${theme}/SearchBar`)).toBe(false);
    expect(isSearchByWorker('../searchByWorker', '/site/src/components/Search')).toBe(false);
    expect(isSearchByWorker('../searchByWorker', `${theme}/SearchBar/nested`)).toBe(false);
  });
});

describe('the searchByWorker stand-in', () => {
  afterEach(() => vi.clearAllMocks());
  it('loads the real module only when first called, once, and forwards calls and results', async () => {
    const standIn = await import('./lazy-search/searchByWorker');
    await vi.dynamicImportSettled();
    expect(real.evaluated).toBe(0);
    await standIn.fetchIndexesByWorker('/', 'guide');
    expect(real.evaluated).toBe(1);
    expect(real.fetchIndexesByWorker).toHaveBeenCalledWith('/', 'guide');
    await expect(standIn.searchByWorker('/', 'guide', 'retry', 8)).resolves.toEqual([{document: 'hit'}]);
    expect(real.searchByWorker).toHaveBeenCalledWith('/', 'guide', 'retry', 8);
    expect(real.evaluated).toBe(1);
  });
});
