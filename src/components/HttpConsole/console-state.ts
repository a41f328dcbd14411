import {parseHeaderLines} from '../requests/header-lines';
import {faultSpec, noFaults, type FaultSettings} from '../../contract';
import {type Reader, sentHeaders} from '../requests/reader-headers';
import {pathProblem} from './http-text';
import type {HttpPreset} from './presets';

/** The request a reader is composing in the console: the one source of what Send sends. */
export interface ConsoleDraft {
  presetId: string;
  method: string;
  path: string;
  headersText: string;
  body: string;
  repeat: number;
  fault: FaultSettings;
}

export type DraftAction =
  | {type: 'preset'; preset: HttpPreset}
  | {type: 'edit'; patch: Partial<Omit<ConsoleDraft, 'presetId'>>};

export const maxRepeat = 100;

export function draftFrom(preset: HttpPreset, fault: FaultSettings = noFaults): ConsoleDraft {
  return {
    presetId: preset.id,
    method: preset.method,
    path: preset.path,
    headersText: preset.headers,
    body: preset.body,
    repeat: preset.repeat ?? 1,
    fault,
  };
}

export function draftReducer(state: ConsoleDraft, action: DraftAction): ConsoleDraft {
  switch (action.type) {
    case 'preset':
      // A preset is a request, not a fault: the dial stays where the reader put it.
      return draftFrom(action.preset, state.fault);
    case 'edit': {
      const next = {...state, ...action.patch};
      return {...next, repeat: Math.max(1, Math.min(maxRepeat, Math.round(next.repeat) || 1))};
    }
  }
}

/** What Send would send as `reader` (the tab's session and room), and every reason it cannot be sent yet. */
export function outgoing(draft: ConsoleDraft, reader: Reader = {}) {
  const parsed = parseHeaderLines(draft.headersText);
  const problem = pathProblem(draft.path);
  return {
    ...sentHeaders(parsed.headers, faultSpec(draft.fault), reader),
    problems: [...(problem ? [problem] : []), ...parsed.problems],
  };
}
