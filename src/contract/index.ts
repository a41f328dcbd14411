/**
 * What the browser and the playground-server must agree on, in one place:
 * header names, limits, the fault grammar (build and parse) and the chart
 * point. Imported by the site (`@site/src/contract`) and by the server
 * (`../../src/contract/index.js`); depends on nothing.
 */
export type {ChartPoint} from './chart';
export * from './fault-spec';
export * from './headers';
export * from './limits';
