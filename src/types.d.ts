// Text of a file imported with webpack's raw-loader: shown in the page or fed
// to the editor, never executed by the bundle.
declare module '!!raw-loader!*' {
  const content: string;
  export default content;
}
