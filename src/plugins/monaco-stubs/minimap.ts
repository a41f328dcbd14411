/*
 * Stands in for Monaco's minimap (~95 KB of source, with its character
 * renderer and colour tracker), which every editor's view builds, canvases
 * and listeners included, whether the `minimap` option is on or not. The
 * playground turns it off; an editor that turns it on gets an error rather
 * than a minimap that quietly does not draw.
 */
import {ViewPart} from 'monaco-editor/editor/browser/view/viewPart';
import {createFastDomNode} from 'monaco-editor/base/browser/fastDomNode';
import {EditorOptions} from 'monaco-editor/editor/common/config/editorOptions';

type ViewContext = ConstructorParameters<typeof ViewPart>[0];

const refuseIfEnabled = (context: ViewContext) => {
  if (context.configuration.options.get(EditorOptions.minimap.id).enabled)
    throw new Error('This build of Monaco has no minimap (see src/plugins/monaco-stubs.ts)');
};

export class Minimap extends ViewPart {
  // Where the view puts the minimap: empty, as Monaco's own is when it is off.
  private readonly node = createFastDomNode(document.createElement('div'));

  constructor(context: ViewContext) {
    super(context);
    refuseIfEnabled(context);
    this.node.setClassName('minimap');
    this.node.setAttribute('aria-hidden', 'true');
  }

  getDomNode() {
    return this.node;
  }

  override onConfigurationChanged(): boolean {
    refuseIfEnabled(this._context);
    return false;
  }

  prepareRender(): void {}

  render(): void {}
}
