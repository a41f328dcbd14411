/*
 * Stands in for Monaco's context menu service (with the menu widget and the
 * menu's action items it imports, ~160 KB of source) in the editor core,
 * which creates the service at start for the hover service to listen to,
 * though no menu opens before the editing features arrive. This one keeps
 * the service's events and options and forwards to the real service, made
 * with the same services on the first call after the features hand it over.
 */
import {Emitter} from 'monaco-editor/base/common/event';
import {Disposable} from 'monaco-editor/base/common/lifecycle';
import {fromFeatures, type ContextMenuServiceLike} from '@site/src/plugins/monaco-stubs/from-features';

export class ContextMenuService extends Disposable {
  private readonly services: unknown[];
  private options: unknown;
  private real: ContextMenuServiceLike | undefined;
  private readonly shown = this._register(new Emitter<void>());
  private readonly hidden = this._register(new Emitter<void>());
  readonly onDidShowContextMenu = this.shown.event;
  readonly onDidHideContextMenu = this.hidden.event;

  constructor(...services: unknown[]) {
    super();
    this.services = services;
  }

  private service(): ContextMenuServiceLike {
    if (this.real) return this.real;
    const real = new (fromFeatures('contextMenuService').ContextMenuService)(...this.services);
    this._register(real);
    this._register(real.onDidShowContextMenu(() => this.shown.fire()));
    this._register(real.onDidHideContextMenu(() => this.hidden.fire()));
    if (this.options !== undefined) real.configure(this.options);
    this.real = real;
    return real;
  }

  configure(options: unknown): void {
    this.options = options;
    this.real?.configure(options);
  }

  showContextMenu(delegate: unknown): void {
    this.service().showContextMenu(delegate);
  }
}
