/**
 * c-gateway's HTTP API, as the playground-server's facade answers it
 * (playground-server/src/routes.ts) and the site's HTTP console calls it.
 */
export const GATEWAY_PATHS = {
  health: '/health',
  decide: '/api/v1/routes/decide',
  messages: '/api/v1/messages',
  stream: '/api/v1/messages/stream',
} as const;
