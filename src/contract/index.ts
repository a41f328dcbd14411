/**
 * What the browser and the playground-server must agree on, in one place:
 * header names, limits, the fault grammar (build and parse), the chart
 * point and the c-gateway facade's paths. Imported by the site (`@site/src/contract`) and by the server
 * (`../../src/contract/index.js`); depends on nothing.
 *
 * Named re-exports, not `export *`: tsx hands these files to the ESM server
 * as CommonJS, and Node finds a CommonJS module's named exports only when
 * they are listed (esbuild writes the list for named re-exports only).
 */
export type {ChartPoint} from './chart';
export type {ConnectCodeName, FaultSettings, FaultSpec, LatencyTail, ParsedFaultSpec, RateLimit} from './fault-spec';
export {
  CONNECT_CODE_NAMES,
  FaultSpecError,
  faultCodes,
  faultSpec,
  formatFaultSpec,
  NO_FAULT,
  noFaults,
  parseFaultSpec,
  withFaultHeader,
} from './fault-spec';
export {GATEWAY_PATHS} from './gateway';
export {
  CORRELATION_HEADER,
  FAULT_HEADER,
  FAULT_INJECTED_HEADER,
  FAULT_LATENCY_HEADER,
  FAULT_TAIL_HEADER,
  SESSION_HEADER,
} from './headers';
export {MAX_FAULT_DELAY_MS, MAX_FAULT_RATE_LIMIT, MAX_FAULT_SPEC_LENGTH, MAX_SESSION_LENGTH} from './limits';
