/**
 * prism-react-renderer's bundle builds its `themes` export with a call,
 * `__export(themes_exports, {…})`, which a minifier must keep whether or not
 * anything imports `themes`, and with it all twenty themes. Wrapped in a
 * function marked pure that returns the object, the call — and the themes
 * only it names — go when nothing uses `themes`, and stay when something does.
 */
module.exports = function pureThemes(source) {
  const pure = source.replace(
    /var themes_exports = \{\};\n__export\(themes_exports, (\{[^}]*\})\);/,
    'var themes_exports = /* @__PURE__ */ (() => {\n  const themes = {};\n  __export(themes, $1);\n  return themes;\n})();',
  );
  if (pure === source)
    this.emitWarning(new Error('prism-react-renderer: no `__export(themes_exports, …)` to mark pure'));
  return pure;
};
