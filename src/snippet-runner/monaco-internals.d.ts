/*
 * The few parts of monaco-editor's internals that monaco-setup.ts,
 * monaco-features.ts and the stubs in src/plugins/monaco-stubs use: to give
 * editors the features registered after the first editor was created, to
 * colour an editor's lines before its first paint, and to hand the modules
 * the core's stubs stand in for over with the features. The package ships no
 * types for them; these follow its 0.57 sources.
 */
declare module 'monaco-editor/platform/instantiation/common/instantiation' {
  /** A service's identifier: one per name, whoever asks. */
  export function createDecorator(serviceId: string): unknown;
  export interface IInstantiationService {
    // a constructor whose leading parameters the service injects
    createInstance<T>(ctor: new (...args: any[]) => T, ...args: unknown[]): T;
    createChild(
      services: import('monaco-editor/platform/instantiation/common/serviceCollection').ServiceCollection,
    ): IInstantiationService;
  }
}
declare module 'monaco-editor/platform/instantiation/common/serviceCollection' {
  export class ServiceCollection {
    constructor(...entries: [unknown, unknown][]);
  }
}
declare module 'monaco-editor/platform/instantiation/common/extensions' {
  /** Every service registered with registerSingleton, in order: the live list. */
  export function getSingletonServiceDescriptors(): [unknown, unknown][];
  /** Adds a service to that list: instantiation services created after (monaco-setup's child services) have it. */
  export function registerSingleton(id: unknown, ctor: new (...args: any[]) => unknown): void;
}
declare module 'monaco-editor/editor/common/editorFeatures' {
  // constructors whose parameters the service injects
  export function getEditorFeatures(): (new (...args: any[]) => unknown)[];
}
declare module 'monaco-editor/editor/standalone/browser/standaloneServices' {
  export namespace StandaloneServices {
    function initialize(
      overrides: object,
    ): import('monaco-editor/platform/instantiation/common/instantiation').IInstantiationService;
  }
}
declare module 'monaco-editor/editor/standalone/browser/standaloneCodeEditor' {
  export const StandaloneEditor: new (
    element: HTMLElement,
    options: object,
    // the instantiation service injects all but the first two
    ...services: any[]
  ) => import('monaco-editor/editor/editor.api').editor.IStandaloneCodeEditor;
}
declare module 'monaco-editor/languages/definitions/typescript/typescript' {
  export const conf: import('monaco-editor/editor/editor.api').languages.LanguageConfiguration;
  export const language: import('monaco-editor/editor/editor.api').languages.IMonarchLanguage;
}
declare module 'monaco-editor/editor/common/model/textModel' {
  import type {editor} from 'monaco-editor/editor/editor.api';
  /** The class behind every ITextModel: its tokenization part is not in the public API. */
  export interface TextModel extends editor.ITextModel {
    readonly tokenization: {
      /** Tokenizes the model up to this line now, rather than in idle time. */
      forceTokenization(lineNumber: number): void;
    };
  }
}
declare module 'monaco-editor/platform/quickinput/common/quickInput' {
  export const IQuickInputService: unknown;
}
declare module 'monaco-editor/editor/standalone/browser/quickInput/standaloneQuickInputService' {
  export const StandaloneQuickInputService: new (...args: any[]) => unknown;
}
declare module 'monaco-editor/platform/list/browser/listService' {
  export const IListService: unknown;
  export const ListService: new (...args: any[]) => unknown;
}
declare module 'monaco-editor/base/browser/markdownRenderer' {
  export function renderMarkdown(...args: unknown[]): unknown;
  export function renderAsPlaintext(...args: unknown[]): unknown;
}
declare module 'monaco-editor/editor/common/services/editorWebWorker' {
  export class EditorWorker {
    constructor(...args: unknown[]);
  }
}
declare module 'monaco-editor/base/browser/ui/selectBox/selectBox' {
  export class SelectBox {
    constructor(...args: unknown[]);
  }
}
declare module 'monaco-editor/base/common/lifecycle' {
  export interface IDisposable {
    dispose(): void;
  }
  export class Disposable implements IDisposable {
    dispose(): void;
    protected _register<T extends IDisposable>(disposable: T): T;
  }
}
declare module 'monaco-editor/base/common/event' {
  export type Event<T> = (listener: (event: T) => void) => import('monaco-editor/base/common/lifecycle').IDisposable;
  export class Emitter<T> {
    readonly event: Event<T>;
    fire(event: T): void;
    dispose(): void;
  }
}
declare module 'monaco-editor/platform/contextview/browser/contextMenuService' {
  export const ContextMenuService: new (
    ...args: unknown[]
  ) => import('@site/src/plugins/monaco-stubs/from-features').ContextMenuServiceLike;
}
declare module 'monaco-editor/editor/browser/view/viewPart' {
  /** The part of a view's context the minimap stub reads. */
  interface ViewContext {
    configuration: {options: {get(id: number): {enabled: boolean}}};
  }
  export abstract class ViewPart {
    protected _context: ViewContext;
    constructor(context: ViewContext);
    onConfigurationChanged(event: unknown): boolean;
    abstract prepareRender(context: unknown): void;
    abstract render(context: unknown): void;
    dispose(): void;
  }
}
declare module 'monaco-editor/base/browser/fastDomNode' {
  export interface FastDomNode {
    readonly domNode: HTMLElement;
    setClassName(name: string): void;
    setAttribute(name: string, value: string): void;
  }
  export function createFastDomNode(element: HTMLElement): FastDomNode;
}
declare module 'monaco-editor/editor/common/config/editorOptions' {
  export const EditorOptions: {minimap: {id: number}};
}
