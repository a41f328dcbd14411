/*
 * Stands in for Monaco's select box (with the list widget it draws its
 * options in, ~200 KB of source) in the editor core, where action bars and
 * menus import it for the select items the editing features may put in them;
 * the features bring the real one.
 */
import {fromFeatures} from '@site/src/plugins/monaco-stubs/from-features';

// Monaco's own value: a frozen option, compared by its fields.
export const SeparatorSelectOption = Object.freeze({
  text: '\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500',
  isDisabled: true,
  isSeparator: true,
});

export class SelectBox {
  constructor(...args: unknown[]) {
    // biome-ignore lint/correctness/noConstructorReturn: `new` gives the real class's object
    return new (fromFeatures('selectBox').SelectBox)(...args);
  }
}
