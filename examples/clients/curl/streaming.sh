#!/usr/bin/env bash
# Follows a tenant's message stream (Server-Sent Events) with curl while
# publishing a message for that tenant, so its event shows up.
#
#   BEAMLINE_HTTP_URL (default http://localhost:3000), BEAMLINE_TENANT (default demo),
#   STREAM_SECONDS: how long to watch (default 5; keep-alive comments come every 15 s)
set -euo pipefail

url="${BEAMLINE_HTTP_URL:-http://localhost:3000}"
tenant="${BEAMLINE_TENANT:-demo}"

# -N: print events as they arrive instead of buffering them.
curl -sS -N --max-time "${STREAM_SECONDS:-5}" "$url/api/v1/messages/stream?tenant_id=$tenant" &
stream=$!
sleep 1 # let the stream open first: an event published before it is not replayed

curl -sS --max-time 10 -o /dev/null -w 'published: HTTP %{http_code}\n' -X POST "$url/api/v1/messages" \
  -H 'Content-Type: application/json' -H "X-Tenant-ID: $tenant" \
  --data "{\"version\":\"1\",\"tenant_id\":\"$tenant\",\"request_id\":\"msg-$$\",\"task\":{\"type\":\"chat\",\"payload\":{\"text\":\"hello\"}}}"

# curl ends with status 28 when --max-time is up: for a watcher that is the normal end.
wait "$stream" || [ $? -eq 28 ]
