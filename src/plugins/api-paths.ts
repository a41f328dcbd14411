import {ROOM_API_PREFIX} from '../contract/room';

// Paths the playground-server answers. In `npm start` the Docusaurus dev
// server forwards them; in `npm run serve` the playground-server owns the
// whole origin, so the browser never needs CORS.
export const apiPathPrefixes = [
  '/beamline.',
  '/healthz',
  '/readyz',
  '/metrics',
  '/health',
  // c-gateway's other health path, which the facade answers too.
  '/_health',
  '/api/',
  ROOM_API_PREFIX,
] as const;
