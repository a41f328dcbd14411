// The reference for the page-weight benchmark: create-docusaurus 3.10.2's
// classic template (docs part), with the guide's settings (future v4 +
// faster). The blog and the links off-site are left out: neither changes
// what /docs/intro loads.
import {themes as prismThemes} from 'prism-react-renderer';

export default {
  title: 'My Site',
  tagline: 'Dinosaurs are cool',
  url: 'http://localhost:3000',
  baseUrl: '/',
  future: {v4: true, faster: true},
  onBrokenLinks: 'throw',
  i18n: {defaultLocale: 'en', locales: ['en']},
  presets: [
    [
      'classic',
      {
        docs: {sidebarPath: './sidebars.mjs'},
        blog: false,
        theme: {customCss: './custom.css'},
      },
    ],
  ],
  themeConfig: {
    colorMode: {respectPrefersColorScheme: true},
    navbar: {
      title: 'My Site',
      items: [{type: 'docSidebar', sidebarId: 'tutorialSidebar', position: 'left', label: 'Tutorial'}],
    },
    footer: {
      style: 'dark',
      links: [{title: 'Docs', items: [{label: 'Tutorial', to: '/docs/intro'}]}],
      copyright: 'Copyright © My Project, Inc. Built with Docusaurus.',
    },
    prism: {theme: prismThemes.github, darkTheme: prismThemes.dracula},
  },
};
