// The pattern library's source text, for the editor: a snippet's tabs import
// their neighbours ('./clock', './errors'), and IntelliSense needs to see them.
const sources = import.meta.webpackContext('!!raw-loader!../../packages/resilience/src', {
  recursive: false,
  regExp: /^\.\/[\w-]+\.ts$/,
});

export function librarySources(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const key of sources.keys()) {
    const module = sources(key) as {default: string} | string;
    files[key.slice(2)] = typeof module === 'string' ? module : module.default;
  }
  return files;
}
