import {describe, expect, it} from 'vitest';
import {roomPaths} from '../contract/room';
import {apiPathPrefixes} from './api-paths';

/** Every path the playground-server answers itself (not the static site), as `npm run serve` serves them. */
const serverPaths = [
  '/healthz',
  '/readyz',
  '/metrics',
  '/health',
  '/_health',
  '/api/v1/routes/decide',
  '/api/v1/messages',
  '/api/v1/messages/m-1',
  '/api/v1/messages/stream?tenant_id=t',
  '/beamline.flow.v1.Router/Decide',
  '/beamline.flow.v1.RouterAdmin/ListPolicies',
  '/beamline.playground.v1.Ledger/Append',
  roomPaths.events('abc'),
];

describe('the dev proxy forwards', () => {
  it.each(serverPaths)('%s, which the server answers, so npm start and npm run serve agree', (path) => {
    expect(apiPathPrefixes.some((prefix) => path.startsWith(prefix))).toBe(true);
  });
});
