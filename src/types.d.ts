// Text of a file imported with webpack's raw-loader: shown in the page or fed
// to the editor, never executed by the bundle.
declare module '!!raw-loader!*' {
  const content: string;
  export default content;
}

// Rspack/webpack's module context, used to hand the bundled pattern library
// to snippets file by file.
interface ImportMeta {
  webpackContext(
    request: string,
    options: {recursive?: boolean; regExp?: RegExp},
  ): {keys(): string[]; (key: string): unknown};
}

// mark.js (the search plugin's highlighter) ships no types; the part the guide's lazy stand-in uses.
declare module 'mark.js/dist/mark.min.js' {
  export default class Mark {
    constructor(root: Element);
    mark(keywords: string | string[], options?: object): void;
    unmark(options?: object): void;
  }
}
