#!/usr/bin/env bash
# c-gateway's decide endpoint with curl, one scenario per run:
#
#   ./decide.sh              a decision (200)
#   ./decide.sh no-tenant    no X-Tenant-ID header (400 invalid_request)
#   ./decide.sh bad-json     a body that is not JSON (400 invalid_request)
#   ./decide.sh auth         with "Authorization: Bearer $BEAMLINE_TOKEN", which a gateway
#                            running with GATEWAY_AUTH_REQUIRED=true requires (else 401)
#   ./decide.sh rate-limit   one request more than the window allows: the last is 429,
#                            with X-RateLimit-* and Retry-After
#   ./decide.sh unavailable  the playground's fault header makes the Router unavailable (503);
#                            a real gateway ignores the header
#
# BEAMLINE_HTTP_URL (default http://localhost:3000), BEAMLINE_TENANT (default demo),
# BEAMLINE_TOKEN (default dev-token), BEAMLINE_RATE_LIMIT (the window's limit, default 50).
# Prints the answer's body and "HTTP <status>".
set -euo pipefail

url="${BEAMLINE_HTTP_URL:-http://localhost:3000}"
tenant="${BEAMLINE_TENANT:-demo}"

# The decide DTO; request_id is fresh per request (and would stay the same on a retry).
body() {
  printf '{"version":"1","tenant_id":"%s","request_id":"req-%s-%s","task":{"type":"chat","payload":{"text":"hello"}}}' \
    "$1" "$$" "$RANDOM"
}

# --max-time: never wait forever on a stuck gateway. -w prints the status after the body.
decide() {
  curl -sS --max-time 10 -X POST "$url/api/v1/routes/decide" \
    -H 'Content-Type: application/json' "$@" -w '\nHTTP %{http_code}\n'
}

case "${1:-ok}" in
  ok)
    decide -H "X-Tenant-ID: $tenant" -H "X-Trace-ID: trace-$$" --data "$(body "$tenant")"
    ;;
  no-tenant)
    decide --data "$(body "$tenant")"
    ;;
  bad-json)
    decide -H "X-Tenant-ID: $tenant" --data '{"version": "1", "tenant_id": '
    ;;
  auth)
    decide -H "X-Tenant-ID: $tenant" -H "Authorization: Bearer ${BEAMLINE_TOKEN:-dev-token}" --data "$(body "$tenant")"
    ;;
  rate-limit)
    # A tenant of its own, so this burst uses up nobody else's window.
    burst="$tenant-burst-$$"
    for _ in $(seq "${BEAMLINE_RATE_LIMIT:-50}"); do
      curl -sS --max-time 10 -o /dev/null -X POST "$url/api/v1/routes/decide" \
        -H "X-Tenant-ID: $burst" --data "$(body "$burst")"
    done
    # -D - prints the response headers: the window's state is there.
    curl -sS --max-time 10 -D - -X POST "$url/api/v1/routes/decide" \
      -H "X-Tenant-ID: $burst" --data "$(body "$burst")" -w '\nHTTP %{http_code}\n' \
      | tr -d '\r' | grep -iE '^(x-ratelimit|retry-after)|^\{|^HTTP [0-9]+$'
    ;;
  unavailable)
    decide -H "X-Tenant-ID: $tenant" -H 'x-beamline-fault: error=1;code=unavailable' --data "$(body "$tenant")"
    ;;
  *)
    echo "usage: $0 [ok|no-tenant|bad-json|auth|rate-limit|unavailable]" >&2
    exit 2
    ;;
esac
