/**
 * The one tslib helper @docusaurus/utils-common's browser code calls, as
 * tslib has it: that package requires tslib from CommonJS, so the bundle
 * could not leave out the other ~60 helpers (~3.8 KB gz on every page).
 */
export function __importDefault<T>(mod: T): T | {default: T} {
  return mod && (mod as {__esModule?: boolean}).__esModule ? mod : {default: mod};
}
