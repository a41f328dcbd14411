import type {Plugin} from '@docusaurus/types';

const monacoModule = /[\\/]node_modules[\\/]monaco-editor[\\/]/;

/**
 * Docusaurus merges every stylesheet into one `styles` chunk, which would put
 * Monaco's CSS (~27 KB gz) on every page. Leaving Monaco's modules out of that
 * group keeps its CSS in the lazy editor chunk, loaded only when a playground
 * is activated.
 */
export default function monacoCssPlugin(): Plugin {
  return {
    name: 'beamline-monaco-css',
    configureWebpack(config, isServer) {
      const splitChunks = config.optimization?.splitChunks;
      if (isServer || !splitChunks || !splitChunks.cacheGroups) return {};
      const styles = splitChunks.cacheGroups.styles;
      if (styles && typeof styles === 'object') {
        styles.test = (module: {resource?: string; identifier(): string}) =>
          !monacoModule.test(module.resource ?? module.identifier());
      }
      return {};
    },
  };
}
