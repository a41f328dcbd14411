/**
 * The request widgets a page may hold, each with the selector that is present
 * once its request has been answered (or has failed, or is streaming).
 */
export const requestAnswered: Record<'http-console' | 'request-builder', string> = {
  'http-console':
    '[data-testid="http-console-response"]:is([data-phase="done"], [data-phase="failed"], [data-phase="streaming"])',
  'request-builder': '[data-testid="request-builder-result"]:is([data-outcome="ok"], [data-outcome="error"])',
};
