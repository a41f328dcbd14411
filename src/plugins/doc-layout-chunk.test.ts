import {describe, expect, it} from 'vitest';
import {givesToDocLayout, loadedBy, ofDocLayout} from './doc-layout-chunk';

const module = (path: string) => ({nameForCondition: () => path});
const registry = module('/site/.docusaurus/registry.js');
const notFoundLoader = module('/site/node_modules/@docusaurus/core/lib/client/exports/ComponentCreator.js');
const playground = module('/site/src/components/Playground/index.tsx');
const chunk = (...origins: {module?: ReturnType<typeof module>; request?: string}[]) => ({
  groupsIterable: [{origins}],
  canBeInitial: () => false,
});

const docItem = chunk({module: registry, request: '@theme/DocItem'});
const guideContent = chunk({module: registry, request: '@site/docs/resilience/retry-backoff.mdx'});
const versionData = chunk({
  module: registry,
  request: '@generated/docusaurus-plugin-content-docs/default/p/guide-68f.json',
});
const facilitatorPage = chunk({module: registry, request: '@site/src/pages/facilitator.tsx'});
const searchPage = chunk({module: registry, request: '@theme/SearchPage'});
const notFound = chunk({module: notFoundLoader, request: '@theme/NotFound'});
const editor = chunk({module: playground, request: './Playground'});

describe('loadedBy', () => {
  it("tells the guide's layout and pages from other pages and from components' lazy parts", () => {
    for (const request of ['@theme/DocsRoot', '@theme/DocVersionRoot', '@theme/DocRoot', '@theme/DocItem'])
      expect(loadedBy(chunk({module: registry, request}))).toBe('doc-layout');
    expect(loadedBy(guideContent)).toBe('guide-page');
    expect(loadedBy(versionData)).toBe('guide-page');
    expect(loadedBy(facilitatorPage)).toBe('other-page');
    expect(loadedBy(searchPage)).toBe('other-page');
    expect(loadedBy(notFound)).toBe('other-page');
    expect(loadedBy(editor)).toBe('component');
  });
  it('counts a chunk the layout loads as the layout’s, whatever else loads it too', () => {
    expect(
      loadedBy(chunk({module: playground, request: './Playground'}, {module: registry, request: '@theme/DocItem'})),
    ).toBe('doc-layout');
  });
});

describe('the doc-layout chunk', () => {
  it('takes the modules of the layout, with the copies guide pages and lazy parts had', () => {
    expect(ofDocLayout([docItem, guideContent, editor])).toBe(true);
    expect(givesToDocLayout(docItem)).toBe(true);
    expect(givesToDocLayout(guideContent)).toBe(true);
    expect(givesToDocLayout(editor)).toBe(true);
  });
  it('leaves modules the layout does not have, and other pages their own copies', () => {
    expect(ofDocLayout([guideContent, editor])).toBe(false);
    expect(givesToDocLayout(facilitatorPage)).toBe(false);
    expect(givesToDocLayout(notFound)).toBe(false);
    expect(givesToDocLayout(searchPage)).toBe(false);
  });
  it('never takes from the initial chunks', () => {
    expect(givesToDocLayout({...docItem, canBeInitial: () => true})).toBe(false);
  });
});
