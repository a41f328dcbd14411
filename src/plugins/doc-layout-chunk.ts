import type {Plugin} from '@docusaurus/types';

/** The theme components Docusaurus nests around every guide page, as its route registry imports them. */
const docLayout: ReadonlySet<string> = new Set([
  '@theme/DocsRoot',
  '@theme/DocVersionRoot',
  '@theme/DocRoot',
  '@theme/DocItem',
]);

/** Docusaurus's modules that import a page's chunks: the route registry, and the not-found page's loader. */
const pageLoader =
  /[\\/](?:\.docusaurus[\\/]registry\.js|@docusaurus[\\/]core[\\/]lib[\\/]client[\\/]exports[\\/]ComponentCreator\.js)$/;

interface ChunkLike {
  groupsIterable: Iterable<{
    origins: {module?: {nameForCondition(): string | null | undefined} | null; request?: string}[];
  }>;
}

/**
 * What loads a chunk: the guide's layout; another page of Docusaurus's router
 * (a guide page's content counts as the guide's, any other page not); or a
 * component, lazily.
 */
export function loadedBy(chunk: ChunkLike): 'doc-layout' | 'guide-page' | 'other-page' | 'component' {
  let loader: 'guide-page' | 'other-page' | 'component' = 'component';
  for (const {origins} of chunk.groupsIterable)
    for (const {module, request = ''} of origins) {
      if (docLayout.has(request)) return 'doc-layout';
      if (pageLoader.test(module?.nameForCondition() ?? ''))
        loader =
          request.startsWith('@site/docs/') || request.startsWith('@generated/docusaurus-plugin-content-docs/')
            ? 'guide-page'
            : 'other-page';
    }
  return loader;
}

interface SplitChunkLike extends ChunkLike {
  canBeInitial(): boolean;
}

/** The chunks the layout's chunk takes modules from: every async chunk but another page's, which keeps its copy. */
export function givesToDocLayout(chunk: SplitChunkLike): boolean {
  return !chunk.canBeInitial() && loadedBy(chunk) !== 'other-page';
}

/** Whether a module in these chunks is part of the guide's layout. */
export function ofDocLayout(chunks: Iterable<ChunkLike>): boolean {
  for (const chunk of chunks) if (loadedBy(chunk) === 'doc-layout') return true;
  return false;
}

/**
 * Every guide page loads the same nested layout — DocsRoot, DocVersionRoot,
 * DocRoot, DocItem (with MDXComponents, Admonition, CodeBlock…) — which the
 * bundler left in seven scripts, a few hundred bytes to 8 KB gz each; a bare
 * Docusaurus site has it in its `common` chunk. Gzip compresses one script
 * better than seven, and the modules the pages' own chunks shared with the
 * layout (@mdx-js/react, useNearViewport) were a second copy in each of them.
 * Their modules go into one `doc-layout` chunk; another page (the search
 * page, the not-found page, the facilitator's) that uses one of them keeps
 * its own copy rather than load the guide's layout for it.
 */
export default function docLayoutChunkPlugin(): Plugin {
  return {
    name: 'beamline-doc-layout-chunk',
    configureWebpack(config, isServer) {
      const cacheGroups = config.optimization?.splitChunks ? config.optimization.splitChunks.cacheGroups : undefined;
      if (isServer || !cacheGroups) return {};
      cacheGroups.docLayout = {
        name: 'doc-layout',
        chunks: givesToDocLayout,
        type: /^javascript\//,
        enforce: true,
        priority: 45,
        test: (module, {chunkGraph}) => ofDocLayout(chunkGraph.getModuleChunksIterable(module)),
      };
      return {};
    },
  };
}
