// Command http_client calls the Beamline Router over HTTP through c-gateway:
// one pooled http.Client, a deadline per request, retries that honour
// Retry-After, and a graceful stop on Ctrl+C or SIGTERM.
//
//	BEAMLINE_HTTP_URL  c-gateway (default http://localhost:3000, the playground-server's copy of it)
//	BEAMLINE_TENANT    tenant to route for (default demo)
//	BEAMLINE_TOKEN     sent as "Authorization: Bearer …" when set (GATEWAY_AUTH_REQUIRED=true)
//	BEAMLINE_FAULT     optional x-beamline-fault header, for the playground only (e.g. "error=1;code=unavailable")
//	BEAMLINE_SESSION   optional x-beamline-session header (the playground's "ratelimit=N/s" fault needs one)
//
// Run: go run http_client.go. Exit status 0 with a decision, 1 without.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// decideRequest is c-gateway's decide DTO.
type decideRequest struct {
	Version   string            `json:"version"`
	TenantID  string            `json:"tenant_id"`
	RequestID string            `json:"request_id"`
	Task      task              `json:"task"`
	Context   map[string]string `json:"context,omitempty"`
}

type task struct {
	Type    string                 `json:"type"`
	Payload map[string]interface{} `json:"payload"`
}

// decideResponse holds either c-gateway's success or its error envelope.
type decideResponse struct {
	OK       bool `json:"ok"`
	Decision struct {
		ProviderID        string            `json:"provider_id"`
		Priority          int               `json:"priority"`
		ExpectedLatencyMs int64             `json:"expected_latency_ms"`
		ExpectedCost      float64           `json:"expected_cost"`
		Reason            string            `json:"reason"`
		Metadata          map[string]string `json:"metadata"`
	} `json:"decision"`
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

const maxAttempts = 4

// maxDelay caps one wait: a longer Retry-After is the caller's call, not a client library's.
const maxDelay = 5 * time.Second

// client is shared by every request: it pools keep-alive connections, so a
// decision does not pay a TCP (and TLS) handshake.
var client = &http.Client{
	Timeout: 5 * time.Second, // per attempt, headers and body
	Transport: &http.Transport{
		MaxIdleConnsPerHost: 16,
		IdleConnTimeout:     60 * time.Second,
	},
}

func env(name, fallback string) string {
	if value := os.Getenv(name); value != "" {
		return value
	}
	return fallback
}

// decide posts one decide request, retrying 429, 503 and network errors —
// what a retry can fix. It waits what Retry-After says when the gateway sends
// it, else backs off exponentially with full jitter. The body is rebuilt for
// every attempt, with the same request_id.
func decide(ctx context.Context, baseURL string, body []byte) (int, *decideResponse, error) {
	for attempt := 1; ; attempt++ {
		status, answer, retryAfter, err := post(ctx, baseURL+"/api/v1/routes/decide", body)
		retry := err != nil || status == http.StatusTooManyRequests || status == http.StatusServiceUnavailable
		if !retry || attempt == maxAttempts || ctx.Err() != nil {
			return status, answer, err
		}
		delay := time.Duration(rand.Int63n(int64(minDuration(2*time.Second, 100*time.Millisecond<<(attempt-1)))))
		if retryAfter >= 0 {
			delay = retryAfter
		}
		if delay > maxDelay {
			return status, answer, err
		}
		what := strconv.Itoa(status)
		if err != nil {
			what = err.Error()
		}
		fmt.Printf("attempt %d: %s; retrying in %d ms\n", attempt, what, delay.Milliseconds())
		select {
		case <-time.After(delay):
		case <-ctx.Done():
			return status, answer, ctx.Err()
		}
	}
}

// post sends one attempt; retryAfter is -1 when the answer has no Retry-After.
func post(ctx context.Context, url string, body []byte) (int, *decideResponse, time.Duration, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return 0, nil, -1, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Tenant-ID", env("BEAMLINE_TENANT", "demo"))
	req.Header.Set("X-Trace-ID", fmt.Sprintf("%016x%016x", rand.Uint64(), rand.Uint64()))
	if token := os.Getenv("BEAMLINE_TOKEN"); token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if fault := os.Getenv("BEAMLINE_FAULT"); fault != "" {
		req.Header.Set("x-beamline-fault", fault)
	}
	if session := os.Getenv("BEAMLINE_SESSION"); session != "" {
		req.Header.Set("x-beamline-session", session)
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0, nil, -1, err
	}
	// Read the body to the end and close it, or the connection cannot be reused.
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return resp.StatusCode, nil, -1, err
	}
	retryAfter := time.Duration(-1)
	if seconds, convErr := strconv.Atoi(resp.Header.Get("Retry-After")); convErr == nil && seconds >= 0 {
		retryAfter = time.Duration(seconds) * time.Second
	}
	var answer decideResponse
	if err := json.Unmarshal(data, &answer); err != nil {
		return resp.StatusCode, nil, retryAfter, fmt.Errorf("HTTP %d, not c-gateway JSON: %.80s", resp.StatusCode, data)
	}
	return resp.StatusCode, &answer, retryAfter, nil
}

func minDuration(a, b time.Duration) time.Duration {
	if a < b {
		return a
	}
	return b
}

func main() {
	// Go before 1.20 starts math/rand from the same seed in every process,
	// which would give every client the same "random" jitter.
	rand.Seed(time.Now().UnixNano())
	os.Exit(run())
}

func run() int {
	// Ctrl+C or SIGTERM cancels the request in flight and any wait between retries.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	// The whole decision, retries included, within 15 s.
	ctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()

	tenant := env("BEAMLINE_TENANT", "demo")
	body, _ := json.Marshal(decideRequest{
		Version:   "1",
		TenantID:  tenant,
		RequestID: fmt.Sprintf("req-%d", time.Now().UnixNano()), // the same on every retry
		Task:      task{Type: "chat", Payload: map[string]interface{}{"text": "hello"}},
		Context:   map[string]string{"tier": "standard"},
	})
	status, answer, err := decide(ctx, strings.TrimRight(env("BEAMLINE_HTTP_URL", "http://localhost:3000"), "/"), body)
	switch {
	case errors.Is(err, context.Canceled):
		fmt.Println("failed: stopped")
		return 1
	case err != nil:
		fmt.Println("failed:", err)
		return 1
	case !answer.OK:
		fmt.Printf("failed: HTTP %d %s: %s\n", status, answer.Error.Code, answer.Error.Message)
		return 1
	}
	d := answer.Decision
	fmt.Printf("decision provider=%s priority=%d reason=%s expected_latency_ms=%d\n", d.ProviderID, d.Priority, d.Reason, d.ExpectedLatencyMs)
	return 0
}
