/**
 * Every path the playground-server answers, in the order dispatch (app.ts)
 * tries them: the first route whose path matches answers the request, and
 * the static site is the last route, for everything else. The rest of the
 * tree reads its paths from here: the dev proxy of `npm start`
 * (src/plugins/dev-proxy.ts) forwards every route but the static site, the
 * per-client limit guards the facade's routes, the facade labels its
 * metrics by route. Imports nothing but the shared contract and the
 * generated service descriptors, so the Docusaurus config can load it.
 */
import {GATEWAY_PATHS} from '../../src/contract/gateway.js';
import {ROOM_API_PREFIX} from '../../src/contract/room.js';
import {Router, RouterAdmin} from '@beamline/api/beamline/flow/v1/flow_pb';
import {Ledger} from '@beamline/api/beamline/playground/v1/ledger_pb';

/** What the RPC door serves over Connect, gRPC-Web and gRPC: each method at `/<service>/<Method>`. */
export const RPC_SERVICES = [Router, RouterAdmin, Ledger] as const;

/** Who answers a route: app.ts holds one handler per door. */
export type Door = 'healthz' | 'readyz' | 'metrics' | 'rooms' | 'gateway' | 'rpc' | 'static';

interface RouteShape {
  readonly name: string;
  readonly door: Door;
  /** The exact paths it answers (each its own metric label) … */
  readonly paths?: readonly string[];
  /** … or every path under this prefix. */
  readonly prefix?: string;
  /** Metric label of a prefix route: a pattern, never the raw path (which a client chooses). */
  readonly label?: string;
  /** The methods a facade endpoint answers; any other is c-gateway's 404. Absent: the door decides. */
  readonly methods?: readonly string[];
}

export const routes = [
  // Alive: the process answers. Says nothing about the upstream on purpose.
  {name: 'healthz', door: 'healthz', paths: ['/healthz']},
  {name: 'readyz', door: 'readyz', paths: ['/readyz']},
  {name: 'metrics', door: 'metrics', paths: ['/metrics']},
  // Banner and dashboard streams, the facilitator's switch: `/rooms/<code>/<action>`.
  {name: 'rooms', door: 'rooms', prefix: ROOM_API_PREFIX},
  // The c-gateway facade; `/_health` is c-gateway's other health path.
  {name: 'health', door: 'gateway', paths: [GATEWAY_PATHS.health, '/_health'], methods: ['GET']},
  {name: 'decide', door: 'gateway', paths: [GATEWAY_PATHS.decide], methods: ['POST']},
  {name: 'messages', door: 'gateway', paths: [GATEWAY_PATHS.messages], methods: ['POST']},
  {name: 'stream', door: 'gateway', paths: [GATEWAY_PATHS.stream], methods: ['GET']},
  {
    name: 'message',
    door: 'gateway',
    prefix: `${GATEWAY_PATHS.messages}/`,
    label: `${GATEWAY_PATHS.messages}/:message_id`,
    methods: ['PUT', 'DELETE'],
  },
  // c-gateway answers any other path of its API with its 404 envelope.
  {name: 'gateway-other', door: 'gateway', prefix: '/api/v1/', label: 'other', methods: []},
  {
    name: 'rpc',
    door: 'rpc',
    paths: RPC_SERVICES.flatMap((service) => service.methods.map((method) => `/${service.typeName}/${method.name}`)),
  },
  // Last: the built site (or a plain 404 without one) answers everything else.
  {name: 'static', door: 'static', prefix: '/'},
] as const satisfies readonly RouteShape[];

export type Route = (typeof routes)[number];
export type RouteName = Route['name'];
/** A route answered by the c-gateway facade. */
export type GatewayRoute = Extract<Route, {door: 'gateway'}>;

const exactRoutes = new Map<string, Route>();
for (const route of routes) {
  for (const path of 'paths' in route ? route.paths : []) {
    exactRoutes.set(path, route);
  }
}

/** The route that answers `path` (no query string): the first in `routes` whose paths match. */
export function routeFor(path: string): Route {
  for (const route of routes) {
    if ('paths' in route ? exactRoutes.get(path) === route : path.startsWith(route.prefix)) {
      return route;
    }
  }
  // Unreachable: the static route's prefix matches every path.
  throw new Error(`no route for ${path}`);
}

/** The metric label of a facade request to `path`: the route's exact path, or its pattern. */
export function routeLabel(route: GatewayRoute, path: string): string {
  return 'label' in route ? route.label : path;
}

/** Whether the server itself answers `path` (not the static site): what `npm start`'s dev server forwards to it. */
export function isServerPath(pathWithQuery: string): boolean {
  return routeFor(pathWithQuery.split('?', 1)[0]!).door !== 'static';
}
