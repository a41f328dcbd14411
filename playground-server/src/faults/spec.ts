import {Code, ConnectError} from '@connectrpc/connect';
import {codeFromString} from '@connectrpc/connect/protocol-connect';
import {FaultSpecError, type ParsedFaultSpec, parseFaultSpec} from '../../../src/contract/index.js';

/** A parsed `x-beamline-fault` with its code as connect-es's `Code`. */
export interface FaultRequest extends Omit<ParsedFaultSpec, 'code'> {
  readonly code: Code;
}

/**
 * Reads the header with the shared grammar (src/contract/fault-spec.ts);
 * a malformed one is INVALID_ARGUMENT saying exactly what is wrong.
 */
export function readFaultHeader(header: string): FaultRequest {
  let spec: ParsedFaultSpec;
  try {
    spec = parseFaultSpec(header);
  } catch (error) {
    if (error instanceof FaultSpecError) {
      throw new ConnectError(error.message, Code.InvalidArgument);
    }
    throw error;
  }
  // The grammar accepts Connect's code names only, so the lookup always finds one.
  return {...spec, code: codeFromString(spec.code)!};
}
