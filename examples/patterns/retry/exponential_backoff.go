// Command exponential_backoff retries c-gateway's decide endpoint with
// exponential backoff and full jitter.
//
//	BEAMLINE_HTTP_URL      c-gateway (default http://localhost:3000, the playground-server)
//	BEAMLINE_TENANT        tenant (default demo)
//	BEAMLINE_MAX_ATTEMPTS  attempts in all, the first included (default 5)
//	BEAMLINE_FAULT         optional x-beamline-fault header: the playground fails these calls
//	                       on purpose, e.g. "error=0.5;code=unavailable"
//
// Standard library only: go run exponential_backoff.go. Exit status 0 with a decision, 1 without.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand"
	"net/http"
	"os"
	"strconv"
	"time"
)

const (
	base    = 100 * time.Millisecond // the first retry waits up to 100 ms …
	maxBack = 2 * time.Second        // … and no backoff is ever longer than 2 s
	maxWait = 5 * time.Second        // a server asking for a longer wait (Retry-After: 30) gets an answer, not a blocked caller
)

// backoff is full jitter: a uniformly random wait in [0, min(cap, base·2^attempt)).
//
// From the AWS Architecture Blog's "Exponential Backoff And Jitter": the
// exponential part stops a retrying client from hammering a struggling
// server, the randomness stops many clients that failed together from coming
// back together. Of the strategies the article compares, full jitter does
// the least work and finishes soonest. attempt counts from 0.
func backoff(attempt int) time.Duration {
	ceiling := base << attempt
	if ceiling > maxBack || ceiling <= 0 {
		ceiling = maxBack
	}
	return time.Duration(rand.Int63n(int64(ceiling)))
}

// retryable is a failure worth another try; retryAfter >= 0 is the server's own advice.
type retryable struct {
	reason     string
	retryAfter time.Duration
}

func (r *retryable) Error() string { return r.reason }

// retry calls call until it succeeds, fails with something not retryable, or attempts run out.
func retry(maxAttempts int, call func() (string, error)) (string, error) {
	for attempt := 0; ; attempt++ {
		result, err := call()
		var again *retryable
		if err == nil || !errors.As(err, &again) {
			return result, err
		}
		if attempt+1 == maxAttempts {
			fmt.Printf("attempt %d: %s; giving up after %d attempts\n", attempt+1, err, maxAttempts)
			return "", err
		}
		// The server knows best when it can take us again (Retry-After on 429/503).
		wait := backoff(attempt)
		if again.retryAfter >= 0 {
			wait = again.retryAfter
		}
		if wait > maxWait {
			fmt.Printf("attempt %d: %s; the server asks for %s, more than we wait\n", attempt+1, err, wait)
			return "", err
		}
		fmt.Printf("attempt %d: %s; waiting %d ms\n", attempt+1, err, wait.Milliseconds())
		time.Sleep(wait)
	}
}

var client = &http.Client{Timeout: 5 * time.Second} // per attempt: a stuck gateway must not hang the caller

// decide makes one attempt; 429, 503 and network errors are retryable, other errors are not.
func decide(requestID string) (string, error) {
	tenant := getenv("BEAMLINE_TENANT", "demo")
	body, _ := json.Marshal(map[string]interface{}{
		"version": "1", "tenant_id": tenant, "request_id": requestID,
		"task": map[string]interface{}{"type": "chat", "payload": map[string]interface{}{}},
	})
	req, _ := http.NewRequest(http.MethodPost, getenv("BEAMLINE_HTTP_URL", "http://localhost:3000")+"/api/v1/routes/decide", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Tenant-ID", tenant)
	if fault := os.Getenv("BEAMLINE_FAULT"); fault != "" {
		req.Header.Set("x-beamline-fault", fault)
	}
	resp, err := client.Do(req)
	if err != nil {
		return "", &retryable{reason: "network error: " + err.Error(), retryAfter: -1}
	}
	defer resp.Body.Close()
	var answer struct {
		Decision struct {
			ProviderID string `json:"provider_id"`
			Reason     string `json:"reason"`
		} `json:"decision"`
		Error struct {
			Code string `json:"code"`
		} `json:"error"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&answer); err != nil {
		return "", fmt.Errorf("HTTP %d, not c-gateway JSON", resp.StatusCode)
	}
	if resp.StatusCode == http.StatusOK {
		return fmt.Sprintf("provider=%s reason=%s", answer.Decision.ProviderID, answer.Decision.Reason), nil
	}
	reason := fmt.Sprintf("HTTP %d %s", resp.StatusCode, answer.Error.Code)
	if resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable {
		after := time.Duration(-1)
		if seconds, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil {
			after = time.Duration(seconds) * time.Second
		}
		return "", &retryable{reason: reason, retryAfter: after}
	}
	return "", errors.New(reason)
}

func getenv(name, fallback string) string {
	if value := os.Getenv(name); value != "" {
		return value
	}
	return fallback
}

func main() {
	// Go before 1.20 starts math/rand from the same seed in every process:
	// every client would pick the same "random" waits.
	rand.Seed(time.Now().UnixNano())
	maxAttempts, err := strconv.Atoi(getenv("BEAMLINE_MAX_ATTEMPTS", "5"))
	if err != nil || maxAttempts < 1 {
		fmt.Fprintln(os.Stderr, "BEAMLINE_MAX_ATTEMPTS must be a positive number")
		os.Exit(2)
	}
	// The same request_id on every attempt: one logical request, one id in the logs.
	requestID := fmt.Sprintf("req-%d", time.Now().UnixNano())
	decision, err := retry(maxAttempts, func() (string, error) { return decide(requestID) })
	if err != nil {
		fmt.Println("failed:", err)
		os.Exit(1)
	}
	fmt.Println("decision", decision)
}
