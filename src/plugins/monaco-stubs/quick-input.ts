/*
 * Stands in for Monaco's quick input (the picker behind "Go to Match…" and
 * the like, ~330 KB of source over 27 modules) in the editor's core, which
 * registers it among its services though nothing shows one before the
 * editing features arrive. monaco-features.ts registers the real service;
 * editors created with the features get it from there.
 */
export class StandaloneQuickInputService {
  constructor() {
    throw new Error('Monaco has no quick input before its editing features load (see src/plugins/monaco-stubs.ts)');
  }
}
