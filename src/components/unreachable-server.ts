/**
 * What to tell a reader whose request never reached the playground-server.
 * On their own machine they can start it; in a workshop the page comes from
 * the facilitator's laptop, and `npm start` would mean nothing to them.
 */
export function unreachableServerHint(hostname: string): string {
  const local = hostname === 'localhost' || hostname === '[::1]' || hostname.startsWith('127.');
  return local
    ? 'Is it still running? Start it with `npm start`, or `npm run serve` after a build.'
    : `This page comes from the server at ${hostname}: check your network connection, or ask whoever runs it (in a workshop, the facilitator) whether it is still running.`;
}
