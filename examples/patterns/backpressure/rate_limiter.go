// Command rate_limiter shows client-side rate limiting — a token bucket and
// a leaky bucket — against a limited server.
//
// The demo asks the playground to limit its session to 5 requests per
// second (the x-beamline-fault header "ratelimit=5/s" stands in for a
// gateway's limit), then sends 12 requests three ways: all at once, through a
// token bucket (4/s, bursts of 4) and through a leaky bucket (4/s).
// Unthrottled, the burst is refused (429); paced below the server's limit,
// nothing is. (In production Go, golang.org/x/time/rate is the token bucket
// to use; this one is short enough to read.)
//
//	BEAMLINE_HTTP_URL  c-gateway (default http://localhost:3000, the playground-server)
//	BEAMLINE_TENANT    tenant prefix (default demo)
//
// Standard library only: go run rate_limiter.go. Exit status 0 when both limiters kept every request under the limit.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"os"
	"sync"
	"time"
)

// TokenBucket holds capacity tokens, refilled continuously at rate per
// second; each request takes one. It allows bursts up to capacity, then
// settles at rate: good when the other side allows bursts too (most API
// limits are token buckets). Safe for concurrent use.
type TokenBucket struct {
	rate, capacity float64

	mu      sync.Mutex
	tokens  float64
	updated time.Time
}

func NewTokenBucket(rate, capacity float64) *TokenBucket {
	return &TokenBucket{rate: rate, capacity: capacity, tokens: capacity, updated: time.Now()}
}

// TryAcquire takes a token if there is one (returns 0), else returns how long until there will be.
func (b *TokenBucket) TryAcquire() time.Duration {
	b.mu.Lock()
	defer b.mu.Unlock()
	now := time.Now()
	b.tokens = math.Min(b.capacity, b.tokens+now.Sub(b.updated).Seconds()*b.rate)
	b.updated = now
	if b.tokens >= 1 {
		b.tokens--
		return 0
	}
	return time.Duration((1 - b.tokens) / b.rate * float64(time.Second))
}

// Acquire waits for a token.
func (b *TokenBucket) Acquire() {
	for wait := b.TryAcquire(); wait > 0; wait = b.TryAcquire() {
		time.Sleep(wait)
	}
}

// ErrQueueFull: the wait would be longer than the bucket's bound.
var ErrQueueFull = errors.New("queue full")

// LeakyBucket is a queue that drains at rate per second: requests leave
// evenly spaced, never in bursts. Good when the other side wants a smooth
// rate. maxWait bounds the queue: a request that would wait longer is
// refused at once, so a caller is told "too busy" instead of waiting behind
// everyone else. Safe for concurrent use.
type LeakyBucket struct {
	interval, maxWait time.Duration

	mu       sync.Mutex
	nextSlot time.Time
}

func NewLeakyBucket(rate float64, maxWait time.Duration) *LeakyBucket {
	return &LeakyBucket{interval: time.Duration(float64(time.Second) / rate), maxWait: maxWait, nextSlot: time.Now()}
}

// Acquire waits for the request's slot, or returns ErrQueueFull.
func (b *LeakyBucket) Acquire() error {
	b.mu.Lock()
	now := time.Now()
	slot := b.nextSlot
	if slot.Before(now) {
		slot = now
	}
	if slot.Sub(now) > b.maxWait {
		b.mu.Unlock()
		return ErrQueueFull
	}
	// Reserve the slot before waiting, so concurrent callers line up behind it.
	b.nextSlot = slot.Add(b.interval)
	b.mu.Unlock()
	time.Sleep(slot.Sub(now))
	return nil
}

var client = &http.Client{Timeout: 5 * time.Second}

// decide sends one decision request and returns the HTTP status (0 for a network error).
func decide(tenant, session string) int {
	body, _ := json.Marshal(map[string]interface{}{
		"version": "1", "tenant_id": tenant, "request_id": fmt.Sprintf("req-%d", time.Now().UnixNano()),
		"task": map[string]interface{}{"type": "chat", "payload": map[string]interface{}{}},
	})
	req, _ := http.NewRequest(http.MethodPost, getenv("BEAMLINE_HTTP_URL", "http://localhost:3000")+"/api/v1/routes/decide", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Tenant-ID", tenant)
	// The playground limits this session to 5/s, as a gateway would limit an API key.
	req.Header.Set("x-beamline-fault", "ratelimit=5/s")
	req.Header.Set("x-beamline-session", session)
	resp, err := client.Do(req)
	if err != nil {
		return 0
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body) // read to the end, so the connection is reused
	return resp.StatusCode
}

func getenv(name, fallback string) string {
	if value := os.Getenv(name); value != "" {
		return value
	}
	return fallback
}

func main() {
	token := NewTokenBucket(4, 4)
	leaky := NewLeakyBucket(4, 5*time.Second)
	runs := []struct {
		name    string
		acquire func() error
	}{
		{"no limiter", nil},
		{"token bucket 4/s burst 4", func() error { token.Acquire(); return nil }},
		{"leaky bucket 4/s", leaky.Acquire},
	}
	refusedWithLimiter := 0
	for i, run := range runs {
		// A tenant and a session per run: each run starts with a full server-side
		// bucket, and reruns stay clear of the gateway's own per-tenant window.
		runID := fmt.Sprintf("%d-%d", time.Now().UnixNano(), i)
		tenant := getenv("BEAMLINE_TENANT", "demo") + "-" + runID
		started := time.Now()
		counts := map[int]int{}
		var mu sync.Mutex
		var wg sync.WaitGroup
		// All 12 at once: a burst is concurrent, and sent one by one a slow machine would pace it by accident.
		for n := 0; n < 12; n++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if run.acquire != nil {
					if err := run.acquire(); err != nil {
						fmt.Println(run.name, "refused locally:", err)
						return
					}
				}
				status := decide(tenant, "rate-demo-"+runID)
				mu.Lock()
				counts[status]++
				mu.Unlock()
			}()
		}
		wg.Wait()
		if run.acquire != nil {
			refusedWithLimiter += counts[429]
		}
		fmt.Printf("%s: 12 sent, %d accepted, %d refused (429) in %.2f s\n",
			run.name, counts[200], counts[429], time.Since(started).Seconds())
	}
	if refusedWithLimiter > 0 {
		os.Exit(1)
	}
}
