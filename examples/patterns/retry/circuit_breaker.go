// Command circuit_breaker shows a circuit breaker in front of c-gateway
// through a staged outage.
//
// The demo sends 8 calls during an "outage" (it asks the playground to fail
// them with the x-beamline-fault header), waits for the breaker to let a
// trial call through, then sends 3 calls after "recovery". It prints every
// call and every state change: closed -> open after 5 failures, calls
// rejected without touching the network while open, open -> half_open after
// the open period, half_open -> closed after 2 successes.
//
//	BEAMLINE_HTTP_URL  c-gateway (default http://localhost:3000, the playground-server)
//	BEAMLINE_TENANT    tenant (default demo)
//	BREAKER_OPEN_MS    how long the circuit stays open in the demo (default 2000)
//
// Standard library only: go run circuit_breaker.go. Exit status 0 when the circuit ends closed.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"strconv"
	"sync"
	"time"
)

// ErrOpen is what a call gets while the circuit is open: no network, no wait.
var ErrOpen = errors.New("circuit open")

// Breaker is a consecutive-failure circuit breaker, safe for concurrent use.
//
// NewBreaker(5, 30*time.Second, 2) is the profile this guide uses (seed 001):
// open after 5 consecutive failures, try again (half-open) after 30 s, close
// after 2 consecutive successes. While open, calls fail at once: a service
// that is down gets time to recover instead of a queue of retries, and
// callers get an answer in microseconds instead of a timeout.
type Breaker struct {
	failureThreshold, successThreshold int
	openFor                            time.Duration

	mu        sync.Mutex
	state     string
	failures  int
	successes int
	openedAt  time.Time
	probing   bool // half-open lets one trial call through at a time
}

func NewBreaker(failureThreshold int, openFor time.Duration, successThreshold int) *Breaker {
	return &Breaker{failureThreshold: failureThreshold, openFor: openFor, successThreshold: successThreshold, state: "closed"}
}

// Call runs fn through the breaker; isFailure says whether an error counts against the service.
func (b *Breaker) Call(fn func() error, isFailure func(error) bool) error {
	b.mu.Lock()
	if b.state == "open" && time.Since(b.openedAt) >= b.openFor {
		b.move("half_open")
	}
	if b.state == "open" || (b.state == "half_open" && b.probing) {
		b.mu.Unlock()
		return ErrOpen
	}
	trial := b.state == "half_open"
	b.probing = trial
	b.mu.Unlock()

	err := fn()

	b.mu.Lock()
	defer b.mu.Unlock()
	if trial {
		b.probing = false
	}
	switch {
	case err != nil && isFailure(err):
		b.successes = 0
		b.failures++
		// One failed trial call is enough to open again.
		if b.state == "half_open" || b.failures >= b.failureThreshold {
			b.openedAt = time.Now()
			b.move("open")
		}
	case err == nil:
		b.failures = 0
		if b.state == "half_open" {
			b.successes++
			if b.successes >= b.successThreshold {
				b.move("closed")
			}
		}
	}
	return err
}

// State is closed, open or half_open.
func (b *Breaker) State() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.state
}

func (b *Breaker) move(state string) {
	fmt.Printf("state: %s -> %s\n", b.state, state)
	b.state = state
	b.successes = 0
	if state == "closed" {
		b.failures = 0
	}
}

type httpError struct {
	status int
	code   string
}

func (e *httpError) Error() string { return fmt.Sprintf("HTTP %d %s", e.status, e.code) }

// serverTrouble: 5xx and network errors count against the Router; a 4xx is the caller's own mistake.
func serverTrouble(err error) bool {
	var failure *httpError
	return !errors.As(err, &failure) || failure.status >= 500
}

var client = &http.Client{Timeout: 5 * time.Second}

func decide(fault string) (string, error) {
	tenant := getenv("BEAMLINE_TENANT", "demo")
	body, _ := json.Marshal(map[string]interface{}{
		"version": "1", "tenant_id": tenant, "request_id": fmt.Sprintf("req-%d", time.Now().UnixNano()),
		"task": map[string]interface{}{"type": "chat", "payload": map[string]interface{}{}},
	})
	req, _ := http.NewRequest(http.MethodPost, getenv("BEAMLINE_HTTP_URL", "http://localhost:3000")+"/api/v1/routes/decide", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Tenant-ID", tenant)
	if fault != "" {
		req.Header.Set("x-beamline-fault", fault)
	}
	resp, err := client.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	var answer struct {
		Decision struct {
			ProviderID string `json:"provider_id"`
		} `json:"decision"`
		Error struct {
			Code string `json:"code"`
		} `json:"error"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&answer); err != nil {
		return "", &httpError{status: resp.StatusCode, code: "not c-gateway JSON"}
	}
	if resp.StatusCode != http.StatusOK {
		return "", &httpError{status: resp.StatusCode, code: answer.Error.Code}
	}
	return answer.Decision.ProviderID, nil
}

func getenv(name, fallback string) string {
	if value := os.Getenv(name); value != "" {
		return value
	}
	return fallback
}

func main() {
	openMs, err := strconv.Atoi(getenv("BREAKER_OPEN_MS", "2000"))
	if err != nil {
		fmt.Fprintln(os.Stderr, "BREAKER_OPEN_MS must be a number")
		os.Exit(2)
	}
	breaker := NewBreaker(5, time.Duration(openMs)*time.Millisecond, 2)
	// The playground fails these calls on purpose; a real gateway would ignore the header.
	phases := []struct {
		name, fault string
		calls       int
	}{{"outage", "error=1;code=unavailable", 8}, {"recovered", "", 3}}
	n := 0
	for _, phase := range phases {
		if phase.name == "recovered" {
			time.Sleep(breaker.openFor) // let the open period run out
		}
		for i := 0; i < phase.calls; i++ {
			n++
			var provider string
			err := breaker.Call(func() (err error) {
				provider, err = decide(phase.fault)
				return err
			}, serverTrouble)
			switch {
			case errors.Is(err, ErrOpen):
				fmt.Printf("%s call %d: rejected locally, circuit open\n", phase.name, n)
			case err != nil:
				fmt.Printf("%s call %d: failed (%s)\n", phase.name, n, err)
			default:
				fmt.Printf("%s call %d: ok (provider %s)\n", phase.name, n, provider)
			}
		}
	}
	if breaker.State() != "closed" {
		os.Exit(1)
	}
}
