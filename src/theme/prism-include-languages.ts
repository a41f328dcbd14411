import siteConfig from '@generated/docusaurus.config';
import type {ThemeConfig} from '@docusaurus/theme-common';
import type {Prism} from 'prism-react-renderer';

/**
 * Registers the configured extra Prism grammars on prism-react-renderer's
 * Prism, as Docusaurus's own does (prism grammars work on a global Prism,
 * lent here for the duration), without its PHP branch: that `require` of
 * prism-markup-templating is static, so every page carried it (~0.5 KB gz)
 * for a language this guide never shows.
 */
export default function prismIncludeLanguages(PrismObject: typeof Prism): void {
  const {additionalLanguages} = (siteConfig.themeConfig as ThemeConfig).prism;
  const global = globalThis as {Prism?: typeof Prism};
  const before = global.Prism;
  global.Prism = PrismObject;
  for (const language of additionalLanguages) require(`prismjs/components/prism-${language}`);
  if (before === undefined) delete global.Prism;
  else global.Prism = before;
}
