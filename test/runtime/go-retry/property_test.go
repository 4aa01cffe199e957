package feishuretry

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand"
	"net/http"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"feishu-errcodes/generated/go/feishuerr"
)

// seeded returns the run's random source and how many runs to make: FC_SEED replays a run,
// FC_RUNS_SCALE scales the count, as the TypeScript property tests read them.
func seeded(t *testing.T, runs int) (*rand.Rand, int) {
	seed := time.Now().UnixNano() % 2147483647
	if s, err := strconv.ParseInt(os.Getenv("FC_SEED"), 10, 64); err == nil {
		seed = s
	}
	if scale, err := strconv.ParseFloat(os.Getenv("FC_RUNS_SCALE"), 64); err == nil && scale > 0 {
		runs = int(float64(runs)*scale + 0.5)
	}
	fmt.Printf("%s: seed %d (replay with FC_SEED=%d), %d runs\n", t.Name(), seed, seed, runs)
	return rand.New(rand.NewSource(seed)), runs
}

func pick[T any](r *rand.Rand, values ...T) T {
	return values[r.Intn(len(values))]
}

func randomJSON(r *rand.Rand, depth int) string {
	switch n := r.Intn(8); {
	case depth > 3 || n == 0:
		return pick(r, `null`, `true`, `"x"`, `""`, `0`, `-1`, `1.5`, `1e400`, `"\u0000"`)
	case n == 1:
		return strconv.Itoa(r.Intn(1 << 30))
	case n < 5:
		parts := make([]string, r.Intn(4))
		for i := range parts {
			parts[i] = randomJSON(r, depth+1)
		}
		return "[" + strings.Join(parts, ",") + "]"
	default:
		parts := make([]string, r.Intn(4))
		for i := range parts {
			parts[i] = strconv.Quote(pick(r, "code", "msg", "error", "log_id", "helps", "url", "permission_violations", "subject", "data")) + ":" + randomJSON(r, depth+1)
		}
		return "{" + strings.Join(parts, ",") + "}"
	}
}

// randomBody is a Feishu-shaped body with odd fields, or not JSON at all.
func randomBody(r *rand.Rand) string {
	code := pick(r, `0`, `99991663`, `99991677`, `99991400`, `99991403`, `99991672`, `1002102`, `1020001`, `1002102.0`, `"1002102"`, `1e300`, `-1`, strconv.Itoa(r.Int()), randomJSON(r, 2))
	body := `{"code":` + code + `,"msg":` + randomJSON(r, 3) + `,"error":` + randomJSON(r, 1) + `}`
	switch r.Intn(6) {
	case 0:
		return randomJSON(r, 0)
	case 1:
		return body[:r.Intn(len(body)+1)]
	case 2:
		return pick(r, "", "<html>Bad Gateway</html>", "\xff\xfe")
	}
	return body
}

func randomHeader(r *rand.Rand) http.Header {
	header := http.Header{}
	values := []string{"0", "1", "-1", "3600", "3601", "1.5", "99999999999999999999", " 2 ", "Fri, 31 Dec 9999 23:59:59 GMT", "Mon, 01 Jan 0001 00:00:00 GMT", time.Now().Add(time.Minute).UTC().Format(http.TimeFormat), "x"}
	if r.Intn(2) == 0 {
		header.Set("X-Ogw-Ratelimit-Reset", pick(r, values...))
	}
	if r.Intn(2) == 0 {
		header.Set("Retry-After", pick(r, values...))
	}
	return header
}

func randomStatus(r *rand.Rand) int {
	return pick(r, 0, 200, 204, 301, 400, 401, 403, 404, 409, 429, 500, 501, 502, 503, 599, 600, -1, r.Intn(1000))
}

func randomPolicy(r *rand.Rand) (feishuerr.Policy, int, time.Duration, *int) {
	p := feishuerr.Policy{
		MaxRetries: pick(r, -1, 0, 1, 2, 4),
		Idempotent: r.Intn(2) == 0,
		// Small waits keep the runs short; 0 (60 s) is left to the scenarios.
		MaxWait: pick(r, -time.Millisecond, time.Millisecond, 5*time.Millisecond),
		Module:  pick(r, "", "hire-v1", "other-v1"),
	}
	retries := map[int]int{-1: 0, 0: 2}[p.MaxRetries]
	if p.MaxRetries > 0 {
		retries = p.MaxRetries
	}
	wait := p.MaxWait
	if wait < 0 {
		wait = 0
	}
	refreshes := new(int)
	if r.Intn(2) == 0 {
		fail := r.Intn(3) == 0
		p.RefreshToken = func(context.Context) (string, error) {
			*refreshes++
			if fail {
				return "", errors.New("refresh failed")
			}
			return pick(r, "", "t-new"), nil
		}
	}
	return p, retries, wait, refreshes
}

var errTransport = errors.New("connection reset")

// TestDoNeverMisbehaves: no status, headers or body makes Do return anything but nil, an
// *APIError, the call's own error or ctx.Err(), retry more than MaxRetries, refresh twice,
// or wait longer than MaxWait.
func TestDoNeverMisbehaves(t *testing.T) {
	r, runs := seeded(t, 5000)
	for run := 0; run < runs; run++ {
		p, retries, wait, refreshes := randomPolicy(r)
		calls := 0
		p.OnRetry = func(err *feishuerr.APIError, attempt int, delay time.Duration) {
			// A retry that is not a token refresh's waits at least 50 ms, even under a lower MaxWait.
			if delay < 0 || delay > wait && delay != 50*time.Millisecond || attempt != calls {
				t.Fatalf("run %d: OnRetry(%v, %d, %v) with MaxWait %v after %d calls", run, err, attempt, delay, wait, calls)
			}
		}
		ctx, cancel := context.WithCancel(context.Background())
		if r.Intn(5) == 0 {
			cancel() // ended before any wait
		}
		err := feishuerr.Do(ctx, p, func(context.Context) error {
			calls++
			switch r.Intn(10) {
			case 0:
				return nil
			case 1:
				return errTransport
			}
			return feishuerr.Parse(randomStatus(r), randomHeader(r), []byte(randomBody(r)))
		})
		cancel()
		var e *feishuerr.APIError
		if err != nil && err != errTransport && err != context.Canceled && !errors.As(err, &e) {
			t.Fatalf("run %d: Do returned %T %v", run, err, err)
		}
		if calls > retries+1 || *refreshes > 1 {
			t.Fatalf("run %d: %d calls (MaxRetries %d), %d refreshes", run, calls, p.MaxRetries, *refreshes)
		}
	}
}

// TestTransportNeverMisbehaves: whatever the server answers, RoundTrip returns a response or
// the base's error, never both or neither, and sends at most MaxRetries+1 requests.
func TestTransportNeverMisbehaves(t *testing.T) {
	r, runs := seeded(t, 3000)
	for run := 0; run < runs; run++ {
		p, retries, _, _ := randomPolicy(r)
		sent := 0
		transport := &feishuerr.Transport{Policy: p, Base: roundTripFunc(func(req *http.Request) (*http.Response, error) {
			sent++
			if req.Body != nil {
				_, _ = io.Copy(io.Discard, req.Body)
				req.Body.Close()
			}
			if r.Intn(10) == 0 {
				return nil, errTransport
			}
			header := randomHeader(r)
			header.Set("Content-Type", pick(r, "application/json; charset=utf-8", "text/html", ""))
			var body io.ReadCloser
			if r.Intn(8) != 0 {
				body = io.NopCloser(strings.NewReader(randomBody(r)))
			}
			return &http.Response{StatusCode: randomStatus(r), Header: header, Body: body}, nil
		})}
		var body io.Reader
		if r.Intn(2) == 0 {
			body = strings.NewReader(`{"name":"x"}`)
		}
		req, _ := http.NewRequest(pick(r, http.MethodGet, http.MethodPost), "http://127.0.0.1/", body)
		if r.Intn(4) == 0 {
			req.GetBody = nil // not replayable: sent once, untouched
		}
		resp, err := transport.RoundTrip(req)
		if (resp == nil) == (err == nil) || err != nil && err != errTransport {
			t.Fatalf("run %d: RoundTrip returned %v, %v", run, resp, err)
		}
		if sent > retries+1 || req.Body != nil && req.GetBody == nil && sent > 1 {
			t.Fatalf("run %d: %d requests (MaxRetries %d, replayable %t)", run, sent, p.MaxRetries, req.GetBody != nil)
		}
	}
}
