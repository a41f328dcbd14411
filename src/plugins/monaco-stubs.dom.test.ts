// @vitest-environment happy-dom
import {describe, expect, it} from 'vitest';
import {Minimap} from './monaco-stubs/minimap';

/** The part of an editor view's context the minimap reads, with the `minimap` option as given. */
function viewContext(minimap: {enabled: boolean}) {
  const handlers = new Set<unknown>();
  return {
    handlers,
    configuration: {options: {get: () => minimap}},
    addEventHandler: (handler: unknown) => handlers.add(handler),
    removeEventHandler: (handler: unknown) => handlers.delete(handler),
  };
}

describe('monaco-stubs in a DOM', () => {
  it('the minimap stub takes its place in the view, empty, while the option is off', () => {
    const context = viewContext({enabled: false});
    const minimap = new Minimap(context);
    expect(context.handlers.has(minimap)).toBe(true);
    expect(minimap.getDomNode().domNode.className).toBe('minimap');
    expect(minimap.getDomNode().domNode.childElementCount).toBe(0);
    minimap.prepareRender();
    minimap.render();
    expect(minimap.onConfigurationChanged()).toBe(false);
    minimap.dispose();
    expect(context.handlers.has(minimap)).toBe(false);
  });

  it('refuses an editor that turns the minimap on, at creation or later', () => {
    expect(() => new Minimap(viewContext({enabled: true}))).toThrow(/no minimap/);
    const option = {enabled: false};
    const minimap = new Minimap(viewContext(option));
    option.enabled = true;
    expect(() => minimap.onConfigurationChanged()).toThrow(/no minimap/);
  });
});
