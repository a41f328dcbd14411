/*
 * Monaco as the playground needs it first: the editor core (typing, caret,
 * selection, undo, Tab, the shortcuts the playground adds) and the
 * TypeScript and JavaScript languages (tokens + the language service in its
 * worker) — not monaco-editor's default entry, which registers 80+ languages
 * and every contribution. The editing features on top (hover, suggestions,
 * find…) are monaco-features.ts, fetched once this part is showing.
 */
import 'monaco-editor/features/codicon/register';
import 'monaco-editor/features/codeEditor/register';
import 'monaco-editor/editor/browser/coreCommands';
import 'monaco-editor/editor/common/standaloneStrings';
import 'monaco-editor/languages/definitions/javascript/register';
import 'monaco-editor/languages/definitions/typescript/register';
import * as typescript from 'monaco-editor/languages/features/typescript/register';

export * from 'monaco-editor/editor/editor.api';
export {typescript};
