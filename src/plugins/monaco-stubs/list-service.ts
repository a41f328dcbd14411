/*
 * Stands in for Monaco's list service (which list or tree has focus, for the
 * quick input's and the references peek's keys; ~200 KB of source with the
 * list and tree widgets it imports) in the editor's core, which registers it
 * among its services though no list shows before the editing features
 * arrive. monaco-features.ts registers the real service.
 */
import {createDecorator} from 'monaco-editor/platform/instantiation/common/instantiation';

// The real module's identifier: Monaco keeps one per name.
export const IListService = createDecorator('listService');

export class ListService {
  constructor() {
    throw new Error('Monaco has no list service before its editing features load (see src/plugins/monaco-stubs.ts)');
  }
}
