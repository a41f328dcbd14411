// Command grpc_client calls the Beamline Router over gRPC: a deadline on
// every attempt, a retry interceptor with backoff and jitter, and a graceful
// shutdown on Ctrl+C or SIGTERM.
//
//	BEAMLINE_GRPC_ADDR  host:port of the Router (default localhost:3000, the playground-server)
//	BEAMLINE_TENANT     tenant to route for (default demo)
//	BEAMLINE_CALLS      how many decisions to ask for (default 3)
//	BEAMLINE_FAULT      optional x-beamline-fault metadata, for the playground only
//	                    (e.g. "error=1;code=unavailable"); a real Router ignores it
//
// Run: go run grpc_client.go. Exit status 0 when every call got a decision.
package main

import (
	"context"
	"fmt"
	"math/rand"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	flowv1 "example.com/beamline/clients/go/gen/beamline/flow/v1"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
)

// retryable codes: the Router is briefly unable, not unwilling.
var retryable = map[codes.Code]bool{codes.Unavailable: true, codes.ResourceExhausted: true}

// retryInterceptor retries retryable failures with exponential backoff and
// full jitter (a random delay up to base·2^n, capped), which keeps clients
// that failed together from retrying in lockstep. Each attempt gets its own
// timeout inside the caller's overall deadline, so one slow attempt cannot
// use up the whole budget. A server that says when to come back
// (grpc-retry-pushback-ms) is believed.
func retryInterceptor(maxAttempts int, perAttempt, base, limit time.Duration) grpc.UnaryClientInterceptor {
	return func(ctx context.Context, method string, req, reply interface{}, cc *grpc.ClientConn, invoker grpc.UnaryInvoker, opts ...grpc.CallOption) error {
		for attempt := 1; ; attempt++ {
			var trailer metadata.MD
			attemptCtx, cancel := context.WithTimeout(ctx, perAttempt)
			err := invoker(attemptCtx, method, req, reply, cc, append(opts, grpc.Trailer(&trailer))...)
			cancel()
			code := status.Code(err)
			if err == nil || !retryable[code] || attempt == maxAttempts {
				return err
			}
			delay := time.Duration(rand.Int63n(int64(minDuration(limit, base<<(attempt-1)))))
			if pushback := trailer.Get("grpc-retry-pushback-ms"); len(pushback) > 0 {
				if ms, convErr := strconv.Atoi(pushback[0]); convErr == nil {
					delay = time.Duration(ms) * time.Millisecond
				}
			}
			fmt.Printf("attempt %d: %s (%s); retrying in %d ms\n", attempt, code, status.Convert(err).Message(), delay.Milliseconds())
			select {
			case <-time.After(delay):
			case <-ctx.Done(): // the caller's deadline or a shutdown: stop retrying
				return status.FromContextError(ctx.Err()).Err()
			}
		}
	}
}

func minDuration(a, b time.Duration) time.Duration {
	if a < b {
		return a
	}
	return b
}

func env(name, fallback string) string {
	if value := os.Getenv(name); value != "" {
		return value
	}
	return fallback
}

func main() {
	// Go before 1.20 starts math/rand from the same seed in every process,
	// which would give every client the same "random" jitter.
	rand.Seed(time.Now().UnixNano())
	os.Exit(run())
}

func run() int {
	// Ctrl+C or SIGTERM cancels ctx: in-flight calls end, no new ones start,
	// and the deferred Close says goodbye to the server.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	calls, err := strconv.Atoi(env("BEAMLINE_CALLS", "3"))
	if err != nil {
		fmt.Fprintln(os.Stderr, "BEAMLINE_CALLS must be a number")
		return 2
	}
	// WithInsecure: cleartext HTTP/2 (h2c), as the playground-server serves.
	// On grpc-go 1.34 and later, grpc.WithTransportCredentials(insecure.NewCredentials())
	// says the same; this file keeps to what grpc-go 1.33 (Debian's) has.
	conn, err := grpc.Dial(env("BEAMLINE_GRPC_ADDR", "localhost:3000"),
		grpc.WithInsecure(),
		grpc.WithUnaryInterceptor(retryInterceptor(4, 2*time.Second, 100*time.Millisecond, 2*time.Second)),
	)
	if err != nil {
		fmt.Fprintln(os.Stderr, "dial:", err)
		return 1
	}
	// One connection for the process: every call is a stream on it.
	defer conn.Close()
	router := flowv1.NewRouterClient(conn)

	failed := 0
	for n := 1; n <= calls && ctx.Err() == nil; n++ {
		pairs := []string{"x-correlation-id", fmt.Sprintf("corr-%d-%d", time.Now().UnixNano(), n)}
		if fault := os.Getenv("BEAMLINE_FAULT"); fault != "" {
			pairs = append(pairs, "x-beamline-fault", fault)
		}
		// The overall deadline for the call, retries included.
		callCtx, cancel := context.WithTimeout(metadata.AppendToOutgoingContext(ctx, pairs...), 10*time.Second)
		decision, err := router.Decide(callCtx, &flowv1.RouteRequest{
			Message: &flowv1.Message{
				// The same message id on every retry: a sticky policy keeps it on one provider.
				MessageId:   fmt.Sprintf("msg-%d-%d", time.Now().UnixNano(), n),
				TenantId:    env("BEAMLINE_TENANT", "demo"),
				MessageType: "chat",
				Payload:     []byte(`{"text":"hello"}`),
				TimestampMs: time.Now().UnixMilli(),
			},
			Context: map[string]string{"tier": "standard"},
		})
		cancel()
		if err != nil {
			failed++
			fmt.Printf("call %d: failed: %s (%s)\n", n, status.Code(err), status.Convert(err).Message())
			continue
		}
		fmt.Printf("call %d: decision provider=%s priority=%d reason=%s expected_latency_ms=%d\n",
			n, decision.ProviderId, decision.Priority, decision.Reason, decision.ExpectedLatencyMs)
	}
	if failed > 0 || ctx.Err() != nil {
		return 1
	}
	return 0
}
