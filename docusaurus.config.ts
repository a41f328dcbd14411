import type {Config} from '@docusaurus/types';
import type * as Preset from '@docusaurus/preset-classic';
import devProxyPlugin from './src/plugins/dev-proxy';
import docLayoutChunkPlugin from './src/plugins/doc-layout-chunk';
import lazyLibrariesPlugin from './src/plugins/lazy-libraries';
import lazyMarkPlugin from './src/plugins/lazy-mark';
import lazySearchPlugin from './src/plugins/lazy-search';
import bundleStatsPlugin from './src/plugins/bundle-stats';
import monacoCssPlugin from './src/plugins/monaco-css';
import monacoStubsPlugin from './src/plugins/monaco-stubs';
import prismThemesPlugin from './src/plugins/prism-themes';
import slimTslibPlugin from './src/plugins/slim-tslib';
import snippetWorkerChunkPlugin from './src/plugins/snippet-worker-chunk';
import {siteOrigin} from './src/plugins/site-url';
import {darkCodeTheme, lightCodeTheme} from './src/css/prism-themes';

const config: Config = {
  title: 'Beamline Integration Guide',
  tagline: 'Call the Beamline Router well: retries, breakers, limits and deadlines you can run in the page.',
  favicon: 'img/favicon.svg',
  url: siteOrigin(process.env.SITE_URL),
  baseUrl: '/',
  future: {v4: true, faster: true},
  onBrokenLinks: 'throw',
  onBrokenAnchors: 'throw',
  markdown: {mermaid: true, hooks: {onBrokenMarkdownLinks: 'throw'}},
  i18n: {defaultLocale: 'en', locales: ['en']},
  presets: [
    [
      'classic',
      {
        docs: {
          routeBasePath: 'guide',
          sidebarPath: './sidebars.ts',
          showLastUpdateTime: false,
        },
        blog: false,
        theme: {customCss: './src/css/custom.css'},
      } satisfies Preset.Options,
    ],
  ],
  plugins: [
    devProxyPlugin,
    monacoCssPlugin,
    monacoStubsPlugin,
    lazyLibrariesPlugin,
    lazyMarkPlugin,
    lazySearchPlugin,
    bundleStatsPlugin,
    snippetWorkerChunkPlugin,
    docLayoutChunkPlugin,
    slimTslibPlugin,
    prismThemesPlugin,
  ],
  themes: [
    // Diagrams render in the browser from the npm package: nothing fetched.
    '@docusaurus/theme-mermaid',
    // Full-text search over every page, indexed at build time and served
    // with the site: no Algolia, works offline.
    [
      '@easyops-cn/docusaurus-search-local',
      {
        hashed: true,
        indexBlog: false,
        indexPages: false,
        docsRouteBasePath: 'guide',
        language: ['en'],
        highlightSearchTermsOnTargetPage: true,
        explicitSearchResultPath: true,
        // A widget's server HTML (LazyIsland) is its controls' labels — "▶ Run ■ Stop … Error rate 50 %"
        // on every playground page — which made hits of their own; the guide's words are outside it.
        ignoreCssSelectors: ['[data-island]'],
      },
    ],
  ],
  themeConfig: {
    colorMode: {respectPrefersColorScheme: true},
    mermaid: {theme: {light: 'neutral', dark: 'dark'}},
    navbar: {
      title: 'Beamline Integration Guide',
      logo: {alt: 'Beamline', src: 'img/logo.svg'},
      items: [
        {type: 'docSidebar', sidebarId: 'guide', position: 'left', label: 'Guide'},
        // A shortcut into the guide: "Guide" is the active item there, and two
        // active items would tell a screen reader "current page" twice.
        {to: '/guide/resilience/retry-backoff', label: 'Playground', position: 'left', activeBaseRegex: '^$'},
      ],
    },
    footer: {
      style: 'dark',
      copyright: 'Beamline Integration Guide. Runs offline; every snippet runs in your browser.',
    },
    prism: {
      theme: lightCodeTheme,
      darkTheme: darkCodeTheme,
      // Grammars prism-react-renderer lacks, for the guide's protobuf, shell, Java, C# and HTTP blocks
      // (prism-include-languages.test names any language a page fences without one). It has go and
      // python (the same as prismjs's), so naming them here only added them to every page again.
      additionalLanguages: ['protobuf', 'bash', 'java', 'csharp', 'http'],
    },
  } satisfies Preset.ThemeConfig,
};

export default config;
