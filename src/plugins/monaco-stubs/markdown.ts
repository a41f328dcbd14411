/*
 * Stands in for Monaco's markdown renderer (with marked and DOMPurify, ~280 KB
 * of source) in the editor core, which imports it for hovers, dialogs and
 * select boxes: all shown by the editing features, which bring the real one.
 */
import {fromFeatures} from '@site/src/plugins/monaco-stubs/from-features';

export const renderMarkdown = (...args: unknown[]) => fromFeatures('markdownRenderer').renderMarkdown(...args);
export const renderAsPlaintext = (...args: unknown[]) => fromFeatures('markdownRenderer').renderAsPlaintext(...args);
