import {readdirSync, readFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {dirname, join, resolve} from 'node:path';
import {describe, expect, it, vi} from 'vitest';
import {monacoStubs, stubFor} from './monaco-stubs';

// esm/vs, where monaco-editor's exports map its module names.
const monacoRoot = join(dirname(createRequire(import.meta.url).resolve('monaco-editor/editor/editor.api')), '..');
const monacoFiles = (readdirSync(monacoRoot, {recursive: true}) as string[])
  .filter((file) => file.endsWith('.js'))
  .map((file) => join(monacoRoot, file));
const monacoFile = (path: string) => join(monacoRoot, path);
const sources = new Map(monacoFiles.map((file) => [file, readFileSync(file, 'utf8')]));

/** Every `import {a, b as c} from '…'` in Monaco whose module resolves to `target`, as the names imported. */
function namesImportedFrom(target: RegExp, importers: (file: string) => boolean): string[] {
  const names = new Set<string>();
  for (const file of monacoFiles.filter(importers)) {
    for (const [, list, from] of (sources.get(file) ?? '').matchAll(/^import \{([^}]*)\} from '([^']+)'/gm)) {
      if (!target.test(resolve(dirname(file), from))) continue;
      for (const name of list.split(',')) names.add(name.trim().split(/\s+as\s+/)[0]);
    }
  }
  return [...names].filter(Boolean);
}

describe('monaco-stubs', () => {
  // A Monaco upgrade that moves a stubbed module would quietly put it back in the editor's chunk.
  it("each stub's pattern matches a module Monaco has", () => {
    for (const {module} of monacoStubs) expect(monacoFiles.filter((file) => module.test(file))).not.toEqual([]);
  });

  it('each stub exports every name the modules it stands in for import', async () => {
    for (const {module, stub, importedBy} of monacoStubs) {
      const exported = Object.keys(await import(stub));
      const imported = namesImportedFrom(module, (file) => importedBy?.test(file) ?? true);
      expect(imported, `${module} imported by ${importedBy}`).not.toEqual([]);
      for (const name of imported) expect(exported, `${name} from ${module}`).toContain(name);
    }
  });

  it("replaces an import by the core's modules, and leaves the editing features' own", () => {
    const importedFrom = (importer: string, request: string) =>
      stubFor(request, dirname(monacoFile(importer)), monacoFile(importer));
    expect(
      importedFrom('editor/standalone/browser/standaloneServices.js', '../../../platform/list/browser/listService.js'),
    ).toMatch(/list-service\.ts$/);
    expect(
      importedFrom(
        'editor/contrib/gotoSymbol/browser/peek/referencesController.js',
        '../../../../../platform/list/browser/listService.js',
      ),
    ).toBeUndefined();
    expect(
      importedFrom('platform/markdown/browser/markdownRenderer.js', '../../../base/browser/markdownRenderer.js'),
    ).toMatch(/markdown\.ts$/);
    expect(
      importedFrom('editor/contrib/hover/browser/hoverCopyButton.js', '../../../../base/browser/markdownRenderer.js'),
    ).toBeUndefined();
    expect(importedFrom('editor/editor.api.js', './browser/widget/diffEditor/diffEditorWidget.js')).toMatch(
      /diff-editor\.ts$/,
    );
  });

  it('the stubs of what the playground never uses refuse to make it', async () => {
    const {DiffEditorWidget} = await import('./monaco-stubs/diff-editor');
    const {ViewLinesGpu} = await import('./monaco-stubs/gpu');
    const {TreeSitterSyntaxTokenBackend} = await import('./monaco-stubs/tree-sitter');
    expect(() => new DiffEditorWidget()).toThrow(/no diff editor/);
    expect(() => new ViewLinesGpu()).toThrow(/no GPU rendering/);
    expect(() => new TreeSitterSyntaxTokenBackend()).toThrow(/no tree-sitter/);
  });

  // Monaco's own separator, which the stub copies: a menu's select item draws it from these fields.
  it("the select box stub's separator is Monaco's", async () => {
    const {SeparatorSelectOption} = await import('./monaco-stubs/select-box');
    const source = sources.get(monacoFile('base/browser/ui/selectBox/selectBox.js')) ?? '';
    const [, fields] = source.match(/const SeparatorSelectOption = Object\.freeze\((\{[^}]*\})\)/) ?? [];
    expect(fields).toBeDefined();
    expect(SeparatorSelectOption).toEqual(new Function(`return ${fields}`)());
  });

  it('the stubbed services refuse to start: the editing features register the real ones', async () => {
    const {StandaloneQuickInputService} = await import('./monaco-stubs/quick-input');
    const {ListService} = await import('./monaco-stubs/list-service');
    expect(() => new StandaloneQuickInputService()).toThrow(/no quick input/);
    expect(() => new ListService()).toThrow(/no list service/);
  });

  // The real module needs a browser; its identifier is the one Monaco keeps for the name it declares.
  it("the list service stub's identifier is Monaco's own", async () => {
    const {IListService} = await import('./monaco-stubs/list-service');
    const {createDecorator} = await import('monaco-editor/platform/instantiation/common/instantiation');
    const source = sources.get(monacoFile('platform/list/browser/listService.js')) ?? '';
    const [, name] = source.match(/const IListService = createDecorator\('([^']+)'\)/) ?? [];
    expect(name).toBeDefined();
    expect(IListService).toBe(createDecorator(name));
  });

  it('the forwarding stubs call the modules the editing features hand over, and only those', async () => {
    const {renderMarkdown, renderAsPlaintext} = await import('./monaco-stubs/markdown');
    const {EditorWorker} = await import('./monaco-stubs/editor-worker');
    const {SelectBox} = await import('./monaco-stubs/select-box');
    const {provideFeatureModules} = await import('./monaco-stubs/from-features');
    expect(() => renderMarkdown({value: '*hi*'})).toThrow(/arrives with its editing features/);
    expect(() => new EditorWorker(null)).toThrow(/arrives with its editing features/);
    expect(() => new SelectBox([], 0)).toThrow(/arrives with its editing features/);

    class RealContextMenu {
      readonly onDidShowContextMenu = () => ({dispose() {}});
      readonly onDidHideContextMenu = () => ({dispose() {}});
      configure() {}
      showContextMenu() {}
      dispose() {}
    }
    class RealWorker {
      readonly args: unknown[];
      constructor(...args: unknown[]) {
        this.args = args;
      }
    }
    provideFeatureModules({
      markdownRenderer: {
        renderMarkdown: (...args) => ['rendered', ...args],
        renderAsPlaintext: (...args) => ['plain', ...args],
      },
      editorWebWorker: {EditorWorker: RealWorker},
      selectBox: {SelectBox: RealWorker},
      contextMenuService: {ContextMenuService: RealContextMenu},
    });
    expect(renderMarkdown({value: '*hi*'}, {inline: true})).toEqual(['rendered', {value: '*hi*'}, {inline: true}]);
    expect(renderAsPlaintext('text')).toEqual(['plain', 'text']);
    const worker = new EditorWorker(null);
    expect(worker).toBeInstanceOf(RealWorker);
    expect((worker as unknown as RealWorker).args).toEqual([null]);
    expect((new SelectBox([], 0) as unknown as RealWorker).args).toEqual([[], 0]);
  });

  // The hover service listens to the core's service from the start; menus open only through the real one.
  it("the context menu stub keeps the service's options and events, and forwards to the real service", async () => {
    // Before the features: the test above handed its own over.
    vi.resetModules();
    const {ContextMenuService} = await import('./monaco-stubs/context-menu');
    const {provideFeatureModules} = await import('./monaco-stubs/from-features');
    const {Emitter} = await import('monaco-editor/base/common/event');
    const services = ['telemetry', 'notification', 'contextView', 'keybinding', 'menu', 'contextKey'];
    const stub = new ContextMenuService(...services);
    stub.configure({blockMouse: false});
    const events: string[] = [];
    stub.onDidShowContextMenu(() => events.push('shown'));
    stub.onDidHideContextMenu(() => events.push('hidden'));
    expect(() => stub.showContextMenu({})).toThrow(/arrives with its editing features/);

    const made: RealContextMenu[] = [];
    class RealContextMenu {
      readonly services: unknown[];
      readonly options: unknown[] = [];
      readonly shown = new Emitter<void>();
      readonly hidden = new Emitter<void>();
      readonly onDidShowContextMenu = this.shown.event;
      readonly onDidHideContextMenu = this.hidden.event;
      constructor(...args: unknown[]) {
        this.services = args;
        made.push(this);
      }
      configure(options: unknown) {
        this.options.push(options);
      }
      showContextMenu(delegate: {onHide(): void}) {
        this.shown.fire();
        delegate.onHide();
        this.hidden.fire();
      }
      dispose() {}
    }
    provideFeatureModules({
      markdownRenderer: {renderMarkdown: () => undefined, renderAsPlaintext: () => undefined},
      editorWebWorker: {EditorWorker: Object},
      selectBox: {SelectBox: Object},
      contextMenuService: {ContextMenuService: RealContextMenu},
    });
    const hides: string[] = [];
    stub.showContextMenu({onHide: () => hides.push('menu hid')});
    stub.showContextMenu({onHide: () => hides.push('menu hid')});
    expect(made).toHaveLength(1);
    expect(made[0].services).toEqual(services);
    expect(made[0].options).toEqual([{blockMouse: false}]);
    expect(hides).toEqual(['menu hid', 'menu hid']);
    expect(events).toEqual(['shown', 'hidden', 'shown', 'hidden']);
    stub.configure({blockMouse: true});
    expect(made[0].options).toEqual([{blockMouse: false}, {blockMouse: true}]);
  });
});
