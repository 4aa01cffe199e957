// Package feishuretry runs feishuerr.Do and feishuerr.Transport against a local server
// that scripts Feishu's answers, one scenario per test, as docs/error-handling.md tells them.
package feishuretry

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"feishu-errcodes/generated/go/feishuerr"
)

// answer is one scripted response.
type answer struct {
	status int
	header map[string]string
	body   string
}

// script is a 127.0.0.1 server that gives its answers in turn (the last one over and over)
// and keeps what it was sent.
type script struct {
	*httptest.Server
	mu       sync.Mutex
	answers  []answer
	times    []time.Time
	auth     []string
	payloads []string
}

func serve(t *testing.T, answers ...answer) *script {
	s := &script{answers: answers}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		payload, _ := io.ReadAll(r.Body)
		s.mu.Lock()
		n := len(s.times)
		s.times = append(s.times, time.Now())
		s.auth = append(s.auth, r.Header.Get("Authorization"))
		s.payloads = append(s.payloads, string(payload))
		a := s.answers[min(n, len(s.answers)-1)]
		s.mu.Unlock()
		for k, v := range a.header {
			w.Header().Set(k, v)
		}
		if a.status == 0 {
			a.status = http.StatusOK
		}
		w.WriteHeader(a.status)
		_, _ = io.WriteString(w, a.body)
	}))
	t.Cleanup(s.Close)
	return s
}

func min(a, b int) int {
	if a < b {
		return a
	}
	return b
}

func (s *script) requests() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.times)
}

// get is a call for Do: GET url with the token, the response through FromResponse.
func get(url string, token *string) func(ctx context.Context) error {
	return func(ctx context.Context) error {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err != nil {
			return err
		}
		if *token != "" {
			req.Header.Set("Authorization", "Bearer "+*token)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return err
		}
		return feishuerr.FromResponse(resp)
	}
}

func apiError(t *testing.T, err error) *feishuerr.APIError {
	t.Helper()
	var e *feishuerr.APIError
	if !errors.As(err, &e) {
		t.Fatalf("want an *APIError, got %T %v", err, err)
	}
	return e
}

const (
	tokenExpired = `{"code":99991663,"msg":"Invalid access token for authorization"}`
	success      = `{"code":0,"msg":"success","data":{}}`
)

func TestTokenExpiredRefreshesOnceThenSucceeds(t *testing.T) {
	for _, via := range []string{"Do", "Transport"} {
		t.Run(via, func(t *testing.T) {
			s := serve(t, answer{status: 401, body: tokenExpired}, answer{body: success})
			refreshes := 0
			refresh := func(ctx context.Context) (string, error) {
				refreshes++
				return "t-new", nil
			}
			token := "t-old"
			var err error
			if via == "Do" {
				err = feishuerr.Do(context.Background(), feishuerr.Policy{RefreshToken: func(ctx context.Context) (string, error) {
					fresh, err := refresh(ctx)
					token = fresh
					return fresh, err
				}}, get(s.URL, &token))
			} else {
				client := &http.Client{Transport: &feishuerr.Transport{Policy: feishuerr.Policy{RefreshToken: refresh}}}
				req, _ := http.NewRequest(http.MethodPost, s.URL, strings.NewReader(`{"name":"x"}`))
				req.Header.Set("Authorization", "Bearer t-old")
				resp, rerr := client.Do(req)
				if rerr != nil {
					t.Fatal(rerr)
				}
				err = feishuerr.FromResponse(resp)
			}
			if err != nil || refreshes != 1 || s.requests() != 2 {
				t.Fatalf("err %v, %d refreshes, %d requests; want nil, 1, 2", err, refreshes, s.requests())
			}
			if s.auth[1] != "Bearer t-new" {
				t.Fatalf("the retry sent Authorization %q", s.auth[1])
			}
			if via == "Transport" && s.payloads[1] != `{"name":"x"}` {
				t.Fatalf("the retry sent body %q", s.payloads[1])
			}
		})
	}
}

func TestTokenStillRejectedAfterOneRefreshIsReturned(t *testing.T) {
	s := serve(t, answer{status: 401, body: tokenExpired})
	refreshes := 0
	token := ""
	err := feishuerr.Do(context.Background(), feishuerr.Policy{MaxRetries: 5, RefreshToken: func(context.Context) (string, error) {
		refreshes++
		return "t-new", nil
	}}, get(s.URL, &token))
	if e := apiError(t, err); e.Code != 99991663 || e.Retry != feishuerr.RetryAfterTokenRefresh || refreshes != 1 || s.requests() != 2 {
		t.Fatalf("got %v (%s), %d refreshes, %d requests; want 99991663 after 1 refresh, 2 requests", e, e.Retry, refreshes, s.requests())
	}
}

func TestTokenExpiredWithoutRefreshTokenIsOneRequest(t *testing.T) {
	s := serve(t, answer{status: 401, body: tokenExpired})
	token := ""
	err := feishuerr.Do(context.Background(), feishuerr.Policy{}, get(s.URL, &token))
	if apiError(t, err).Code != 99991663 || s.requests() != 1 {
		t.Fatalf("got %v after %d requests", err, s.requests())
	}
}

func TestFailedRefreshIsTheCause(t *testing.T) {
	s := serve(t, answer{status: 401, body: tokenExpired})
	token := ""
	refreshErr := errors.New("app secret rejected")
	err := feishuerr.Do(context.Background(), feishuerr.Policy{RefreshToken: func(context.Context) (string, error) { return "", refreshErr }}, get(s.URL, &token))
	if e := apiError(t, err); e.Code != 99991663 || !errors.Is(err, refreshErr) || s.requests() != 1 {
		t.Fatalf("got %v after %d requests; want 99991663 caused by the refresh error", err, s.requests())
	}
}

func TestRateLimitRetriesOnceAfterTheReset(t *testing.T) {
	for _, via := range []string{"Do", "Transport"} {
		t.Run(via, func(t *testing.T) {
			s := serve(t, answer{status: 429, header: map[string]string{"x-ogw-ratelimit-reset": "1"}, body: `{"code":99991400,"msg":"request trigger frequency limit"}`}, answer{body: success})
			var delays []time.Duration
			policy := feishuerr.Policy{OnRetry: func(err *feishuerr.APIError, attempt int, delay time.Duration) { delays = append(delays, delay) }}
			var err error
			if via == "Do" {
				token := ""
				err = feishuerr.Do(context.Background(), policy, get(s.URL, &token))
			} else {
				resp, rerr := (&http.Client{Transport: feishuerr.Transport{Policy: policy}}).Get(s.URL)
				if rerr != nil {
					t.Fatal(rerr)
				}
				err = feishuerr.FromResponse(resp)
			}
			if err != nil || s.requests() != 2 || !reflect.DeepEqual(delays, []time.Duration{time.Second}) {
				t.Fatalf("err %v, %d requests, delays %v; want nil, 2, [1s]", err, s.requests(), delays)
			}
			if gap := s.times[1].Sub(s.times[0]); gap < time.Second {
				t.Fatalf("the retry came %v after the first request, before the 1 s reset", gap)
			}
		})
	}
}

func TestQuotaIsOneRequest(t *testing.T) {
	s := serve(t, answer{status: 400, body: `{"code":99991403,"msg":"This month's API call quota has been exceeded"}`}, answer{body: success})
	resp, err := (&http.Client{Transport: &feishuerr.Transport{Policy: feishuerr.Policy{MaxRetries: 10, Idempotent: true}}}).Get(s.URL)
	if err != nil {
		t.Fatal(err)
	}
	e := apiError(t, feishuerr.FromResponse(resp))
	if e.Code != 99991403 || e.Retry != feishuerr.RetryNever || s.requests() != 1 {
		t.Fatalf("got %v (%s) after %d requests; want 99991403, never, 1 request", e, e.Retry, s.requests())
	}
}

func TestServerErrorIsRetriedOnlyWhenIdempotent(t *testing.T) {
	for _, idempotent := range []bool{false, true} {
		s := serve(t, answer{status: 500, header: map[string]string{"Content-Type": "text/html"}, body: "<html>Internal Server Error</html>"})
		var delays []time.Duration
		policy := feishuerr.Policy{Idempotent: idempotent, OnRetry: func(err *feishuerr.APIError, attempt int, delay time.Duration) { delays = append(delays, delay) }}
		resp, err := (&http.Client{Transport: &feishuerr.Transport{Policy: policy}}).Post(s.URL, "application/json", strings.NewReader(`{}`))
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		want := 1
		if idempotent {
			want = 3
		}
		if resp.StatusCode != 500 || string(body) != "<html>Internal Server Error</html>" || s.requests() != want {
			t.Fatalf("idempotent=%t: status %d, body %q, %d requests; want 500, the page, %d requests", idempotent, resp.StatusCode, body, s.requests(), want)
		}
		// Backoff: 1 s then 2 s, each × a jitter in [0.5, 1).
		for i, delay := range delays {
			if low, high := time.Duration(1<<i)*time.Second/2, time.Duration(1<<i)*time.Second; delay < low || delay >= high {
				t.Fatalf("retry %d waited %v, want [%v, %v)", i+1, delay, low, high)
			}
		}
	}
}

func TestPermissionErrorShowsScopesAndLinks(t *testing.T) {
	s := serve(t, answer{status: 400, body: `{"code":99991672,"msg":"Access denied. One of the following scopes is required: [hire:talent]",` +
		`"error":{"log_id":"LOG-SCOPE","permission_violations":[{"type":"action_scope_required","subject":"hire:talent"},{"subject":42}],` +
		`"helps":[{"url":"https://open.feishu.cn/app/cli_x/auth?q=hire:talent","description":"grant"},{"url":"javascript:alert(1)"},{"url":7},"x"]}}`})
	token := ""
	e := apiError(t, feishuerr.Do(context.Background(), feishuerr.Policy{Idempotent: true, MaxRetries: 5}, get(s.URL, &token)))
	want := []feishuerr.Violation{{Type: "action_scope_required", Subject: "hire:talent"}, {}}
	if e.Code != 99991672 || e.Category != feishuerr.Authorization || e.LogID != "LOG-SCOPE" || s.requests() != 1 ||
		!reflect.DeepEqual(e.PermissionViolations, want) || !reflect.DeepEqual(e.HelpURLs, []string{"https://open.feishu.cn/app/cli_x/auth?q=hire:talent"}) {
		t.Fatalf("got %+v after %d requests", e, s.requests())
	}
}

func TestCancelDuringAWaitEndsIt(t *testing.T) {
	for _, via := range []string{"Do", "Transport"} {
		t.Run(via, func(t *testing.T) {
			s := serve(t, answer{status: 429, header: map[string]string{"x-ogw-ratelimit-reset": "3600"}, body: `{"code":99991400,"msg":"limit"}`})
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			policy := feishuerr.Policy{MaxWait: 2 * time.Hour, OnRetry: func(*feishuerr.APIError, int, time.Duration) { time.AfterFunc(20*time.Millisecond, cancel) }}
			start := time.Now()
			var err error
			if via == "Do" {
				token := ""
				err = feishuerr.Do(ctx, policy, get(s.URL, &token))
			} else {
				req, _ := http.NewRequestWithContext(ctx, http.MethodGet, s.URL, nil)
				_, err = (&http.Client{Transport: &feishuerr.Transport{Policy: policy}}).Do(req)
			}
			if !errors.Is(err, context.Canceled) || s.requests() != 1 || time.Since(start) > time.Minute {
				t.Fatalf("got %v after %d requests and %v; want context.Canceled long before the hour", err, s.requests(), time.Since(start))
			}
		})
	}
}

func TestWaitBeyondMaxWaitIsNotWaited(t *testing.T) {
	s := serve(t, answer{status: 429, header: map[string]string{"x-ogw-ratelimit-reset": "120"}, body: `{"code":99991400,"msg":"limit"}`})
	retried := false
	resp, err := (&http.Client{Transport: &feishuerr.Transport{Policy: feishuerr.Policy{OnRetry: func(*feishuerr.APIError, int, time.Duration) { retried = true }}}}).Get(s.URL)
	if err != nil {
		t.Fatal(err)
	}
	e := apiError(t, feishuerr.FromResponse(resp))
	if e.Code != 99991400 || e.RetryAfter != 120*time.Second || retried || s.requests() != 1 {
		t.Fatalf("got %v (retry after %v), retried %t, %d requests; want it returned at once", e, e.RetryAfter, retried, s.requests())
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestNilBodyAndNilResponse(t *testing.T) {
	if err := feishuerr.FromResponse(nil); err == nil || errors.As(err, new(*feishuerr.APIError)) {
		t.Fatalf("FromResponse(nil) = %v, want a plain error", err)
	}
	e := apiError(t, feishuerr.FromResponse(&http.Response{StatusCode: 503}))
	if e.Code != 0 || e.Category != feishuerr.Server || e.Msg != "HTTP 503" {
		t.Fatalf("nil Body with 503: %+v", e)
	}
	var typedNil *feishuerr.APIError
	if err := feishuerr.Do(context.Background(), feishuerr.Policy{}, func(context.Context) error { return typedNil }); err == nil {
		t.Fatal("Do lost an error that is a nil *APIError")
	}
	if err := feishuerr.FromResponse(&http.Response{StatusCode: 200}); err != nil {
		t.Fatalf("nil Body with 200: %v", err)
	}
	sent := 0
	transport := &feishuerr.Transport{Policy: feishuerr.Policy{Idempotent: true, MaxWait: time.Millisecond}, Base: roundTripFunc(func(*http.Request) (*http.Response, error) {
		sent++
		return &http.Response{StatusCode: 503, Header: http.Header{}}, nil
	})}
	req, _ := http.NewRequest(http.MethodGet, "http://127.0.0.1/", nil)
	if resp, err := transport.RoundTrip(req); err != nil || resp.StatusCode != 503 || sent != 1 {
		t.Fatalf("Transport with a nil Body: %v %v after %d", resp, err, sent)
	}
}

// endless is a body of size bytes that starts like a Feishu error and never allocates.
type endless struct {
	read, size int64
	closed     bool
}

func (b *endless) Read(p []byte) (int, error) {
	if b.read >= b.size {
		return 0, io.EOF
	}
	n := int64(len(p))
	if b.size-b.read < n {
		n = b.size - b.read
	}
	for i := range p[:n] {
		p[i] = 'a'
		if b.read+int64(i) < 17 {
			p[i] = `{"code":1,"msg":"`[b.read+int64(i)]
		}
	}
	b.read += n
	return int(n), nil
}

func (b *endless) Close() error {
	b.closed = true
	return nil
}

func TestOneGibibyteBodyIsReadBounded(t *testing.T) {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	body := &endless{size: 1 << 30}
	e := apiError(t, feishuerr.FromResponse(&http.Response{StatusCode: 502, Body: body}))
	runtime.ReadMemStats(&after)
	if e.Code != 0 || e.Category != feishuerr.Server || body.read > feishuerr.MaxBodyBytes+64<<10 || !body.closed {
		t.Fatalf("got %v after reading %d bytes (closed %t)", e, body.read, body.closed)
	}
	if allocated := after.TotalAlloc - before.TotalAlloc; allocated > 64<<20 {
		t.Fatalf("allocated %d bytes for a 1 GiB body", allocated)
	}

	// Transport reads the same prefix, returns the response and gives the caller every byte.
	stream := &endless{size: 1 << 30}
	transport := &feishuerr.Transport{Base: roundTripFunc(func(*http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: 500, Header: http.Header{}, Body: stream}, nil
	})}
	req, _ := http.NewRequest(http.MethodPost, "http://127.0.0.1/", strings.NewReader("{}"))
	resp, err := transport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	head := make([]byte, 17)
	if _, err := io.ReadFull(resp.Body, head); err != nil || string(head) != `{"code":1,"msg":"` {
		t.Fatalf("the caller reads %q, %v", head, err)
	}
	rest, _ := io.Copy(io.Discard, io.LimitReader(resp.Body, 16<<20))
	resp.Body.Close()
	if rest != 16<<20 || !stream.closed {
		t.Fatalf("the caller read %d more bytes (closed %t), want 16 MiB past the prefix", rest, stream.closed)
	}
}

type brokenBody struct{ err error }

func (b brokenBody) Read([]byte) (int, error) { return 0, b.err }
func (b brokenBody) Close() error             { return nil }

func TestFailedReadIsAPlainErrorThatWrapsTheCause(t *testing.T) {
	err := feishuerr.FromResponse(&http.Response{StatusCode: 502, Body: brokenBody{context.DeadlineExceeded}})
	if !errors.Is(err, context.DeadlineExceeded) || errors.As(err, new(*feishuerr.APIError)) {
		t.Fatalf("FromResponse with a failed read = %v", err)
	}
}
