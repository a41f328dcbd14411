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

/** A tenant of this reader's own, so one reader's burst never rate-limits another. */
export function readerTenant(): string {
  return `reader-${Math.random().toString(36).slice(2, 8)}`;
}

export function httpPresets(tenant = 'demo', burstTenant = 'reader-burst'): HttpPreset[] {
  return [
    {
      id: 'decide',
      label: 'Decide (200)',
      method: 'POST',
      path: '/api/v1/routes/decide',
      headers: `Content-Type: application/json\nX-Tenant-ID: ${tenant}\nX-Trace-ID: trace-console-1`,
      body: decideBody(tenant, 'req-1'),
    },
    {
      id: 'missing-tenant',
      label: 'No X-Tenant-ID (400)',
      method: 'POST',
      path: '/api/v1/routes/decide',
      headers: 'Content-Type: application/json',
      body: decideBody(tenant, 'req-2'),
    },
    {
      id: 'bad-json',
      label: 'Broken JSON (400)',
      method: 'POST',
      path: '/api/v1/routes/decide',
      headers: `Content-Type: application/json\nX-Tenant-ID: ${tenant}`,
      body: '{"version": "1", "tenant_id": ',
    },
    {
      id: 'rate-limit',
      label: 'Burst of 55 (429)',
      method: 'POST',
      path: '/api/v1/routes/decide',
      headers: `Content-Type: application/json\nX-Tenant-ID: ${burstTenant}`,
      body: decideBody(burstTenant, 'req-burst'),
      repeat: 55,
    },
    {
      id: 'publish',
      label: 'Publish a message',
      method: 'POST',
      path: '/api/v1/messages',
      headers: `Content-Type: application/json\nX-Tenant-ID: ${tenant}`,
      body: decideBody(tenant, 'msg-1'),
    },
    {id: 'health', label: 'Health', method: 'GET', path: '/health', headers: '', body: ''},
    {
      id: 'stream',
      label: 'Message stream (SSE)',
      method: 'GET',
      path: `/api/v1/messages/stream?tenant_id=${tenant}`,
      headers: 'Accept: text/event-stream',
      body: '',
    },
  ];
}
