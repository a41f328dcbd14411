import {GATEWAY_PATHS} from '@site/src/contract/gateway';

/** Ready-made requests for the HTTP console, each showing one behaviour of the gateway. */
export interface HttpPreset {
  id: string;
  label: string;
  method: string;
  path: string;
  headers: string;
  body: string;
  /** Send it this many times in a row (the rate-limit lesson). */
  repeat?: number;
}

const decideBody = (tenant: string, requestId: string) =>
  JSON.stringify(
    {version: '1', tenant_id: tenant, request_id: requestId, task: {type: 'chat', payload: {text: 'hello'}}},
    null,
    2,
  );

/**
 * Every preset uses the reader's own tenant (src/snippet-runner/session.ts), so
 * one reader's burst never rate-limits another in a room of readers.
 */
export function httpPresets(tenant: string): HttpPreset[] {
  return [
    {
      id: 'decide',
      label: 'Decide (200)',
      method: 'POST',
      path: GATEWAY_PATHS.decide,
      headers: `Content-Type: application/json\nX-Tenant-ID: ${tenant}\nX-Trace-ID: trace-console-1`,
      body: decideBody(tenant, 'req-1'),
    },
    {
      id: 'missing-tenant',
      label: 'No X-Tenant-ID (400)',
      method: 'POST',
      path: GATEWAY_PATHS.decide,
      headers: 'Content-Type: application/json',
      body: decideBody(tenant, 'req-2'),
    },
    {
      id: 'bad-json',
      label: 'Broken JSON (400)',
      method: 'POST',
      path: GATEWAY_PATHS.decide,
      headers: `Content-Type: application/json\nX-Tenant-ID: ${tenant}`,
      body: '{"version": "1", "tenant_id": ',
    },
    {
      id: 'rate-limit',
      // A window of its own, so the burst's 429s never spill into the reader's other presets.
      label: 'Burst of 55 (429)',
      method: 'POST',
      path: GATEWAY_PATHS.decide,
      headers: `Content-Type: application/json\nX-Tenant-ID: ${tenant}-burst`,
      body: decideBody(`${tenant}-burst`, 'req-burst'),
      repeat: 55,
    },
    {
      id: 'publish',
      label: 'Publish a message',
      method: 'POST',
      path: GATEWAY_PATHS.messages,
      headers: `Content-Type: application/json\nX-Tenant-ID: ${tenant}`,
      body: decideBody(tenant, 'msg-1'),
    },
    {id: 'health', label: 'Health', method: 'GET', path: GATEWAY_PATHS.health, headers: '', body: ''},
    {
      id: 'stream',
      label: 'Message stream (SSE)',
      method: 'GET',
      path: `${GATEWAY_PATHS.stream}?tenant_id=${tenant}`,
      headers: 'Accept: text/event-stream',
      body: '',
    },
  ];
}
