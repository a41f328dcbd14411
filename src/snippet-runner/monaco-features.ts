/*
 * The editing features a reader uses on top of monaco-slim's core: each
 * `features/<name>/register` is monaco-editor's own entry for one
 * contribution (hover, suggestions, code actions, find…). They are ~0.8 MB of
 * the editor's 3.5 MB, so they come in a chunk of their own after the editor
 * is showing (see MonacoEditor): an editor takes the contributions registered
 * when it is created, so it is created again once these are.
 *
 * The editor's core has stubs for some of Monaco's modules that only these
 * features use (src/plugins/monaco-stubs.ts): the real ones come here.
 */
import 'monaco-editor/features/bracketMatching/register';
import 'monaco-editor/features/clipboard/register';
import 'monaco-editor/features/codeAction/register';
import 'monaco-editor/features/comment/register';
import 'monaco-editor/features/contextmenu/register';
import 'monaco-editor/features/cursorUndo/register';
import 'monaco-editor/features/find/register';
import 'monaco-editor/features/folding/register';
import 'monaco-editor/features/format/register';
import 'monaco-editor/features/gotoError/register';
import 'monaco-editor/features/gotoSymbol/register';
import 'monaco-editor/features/hover/register';
import 'monaco-editor/features/indentation/register';
import 'monaco-editor/features/inlayHints/register';
import 'monaco-editor/features/linesOperations/register';
import 'monaco-editor/features/multicursor/register';
import 'monaco-editor/features/parameterHints/register';
import 'monaco-editor/features/rename/register';
import 'monaco-editor/features/smartSelect/register';
import 'monaco-editor/features/snippet/register';
import 'monaco-editor/features/suggest/register';
import 'monaco-editor/features/tokenization/register';
import 'monaco-editor/features/wordHighlighter/register';
import 'monaco-editor/features/wordOperations/register';
import 'monaco-editor/editor/contrib/suggest/browser/suggestController';
import {registerSingleton} from 'monaco-editor/platform/instantiation/common/extensions';
import {IQuickInputService} from 'monaco-editor/platform/quickinput/common/quickInput';
import {StandaloneQuickInputService} from 'monaco-editor/editor/standalone/browser/quickInput/standaloneQuickInputService';
import {IListService, ListService} from 'monaco-editor/platform/list/browser/listService';
import * as markdownRenderer from 'monaco-editor/base/browser/markdownRenderer';
import * as editorWebWorker from 'monaco-editor/editor/common/services/editorWebWorker';
import * as selectBox from 'monaco-editor/base/browser/ui/selectBox/selectBox';
import * as contextMenuService from 'monaco-editor/platform/contextview/browser/contextMenuService';
import {provideFeatureModules} from '@site/src/plugins/monaco-stubs/from-features';

// Editors created with the features get these through monaco-setup's child services.
registerSingleton(IQuickInputService, StandaloneQuickInputService);
registerSingleton(IListService, ListService);
provideFeatureModules({markdownRenderer, editorWebWorker, selectBox, contextMenuService});
