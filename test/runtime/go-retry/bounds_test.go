package feishuretry

import (
	"context"
	"errors"
	"io"
	"math"
	"net/http"
	"strings"
	"testing"
	"time"

	"feishu-errcodes/generated/go/feishuerr"
)

const rateLimited = `{"code":99991400,"msg":"request trigger frequency limit"}`

// A 302 from one host to another that answers 401: Go's client drops Authorization on the
// hop, and Transport must not refresh for, nor send a token to, the other host.
func TestTransportNeverSendsATokenToAnotherHost(t *testing.T) {
	other := serve(t, answer{status: 401, header: map[string]string{"Content-Type": "application/json"}, body: tokenExpired})
	origin := serve(t, answer{status: 302, header: map[string]string{"Location": other.URL + "/open-apis/elsewhere"}})
	refreshes := 0
	client := &http.Client{Transport: feishuerr.Transport{Policy: feishuerr.Policy{RefreshToken: func(context.Context) (string, error) {
		refreshes++
		return "t-fresh", nil
	}}}}
	req, _ := http.NewRequest(http.MethodGet, origin.URL+"/open-apis/hire/v1/talents", nil)
	req.Header.Set("Authorization", "Bearer t-stale")
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if e := apiError(t, feishuerr.FromResponse(resp)); e.Code != 99991663 {
		t.Fatalf("got %v", e)
	}
	for _, auth := range other.auth {
		if auth != "" {
			t.Fatalf("the other host was sent Authorization %q", auth)
		}
	}
	if refreshes != 0 || other.requests() != 1 {
		t.Fatalf("%d refreshes, %d requests to the other host; want 0, 1", refreshes, other.requests())
	}
}

func rateLimitError(reset string) error {
	return feishuerr.Parse(429, http.Header{"X-Ogw-Ratelimit-Reset": {reset}}, []byte(rateLimited))
}

func TestOptionsAreClampedAndNeverBusyLoop(t *testing.T) {
	for _, c := range []struct {
		maxRetries, calls int
	}{{0, 3}, {-1, 1}, {math.MinInt, 1}, {5, 6}, {math.MaxInt, 11}, {1 << 40, 11}} {
		calls := 0
		var delays []time.Duration
		err := feishuerr.Do(context.Background(), feishuerr.Policy{MaxRetries: c.maxRetries, MaxWait: time.Duration(math.MaxInt64), OnRetry: func(_ *feishuerr.APIError, _ int, delay time.Duration) {
			delays = append(delays, delay)
		}}, func(context.Context) error {
			calls++
			return rateLimitError("0")
		})
		if apiError(t, err).Code != 99991400 || calls != c.calls {
			t.Fatalf("MaxRetries %d: %d calls; want %d", c.maxRetries, calls, c.calls)
		}
		for _, delay := range delays {
			if delay != 50*time.Millisecond {
				t.Fatalf("MaxRetries %d: a reset of 0 waited %v; want the 50 ms minimum", c.maxRetries, delay)
			}
		}
	}
	// MaxWait above MaxRetryAfter is MaxRetryAfter: the hour-long wait is reported, then cancelled.
	ctx, cancel := context.WithCancel(context.Background())
	var delays []time.Duration
	err := feishuerr.Do(ctx, feishuerr.Policy{MaxWait: time.Duration(math.MaxInt64), OnRetry: func(_ *feishuerr.APIError, _ int, delay time.Duration) {
		delays = append(delays, delay)
		cancel()
	}}, func(context.Context) error { return rateLimitError("999999") })
	if !errors.Is(err, context.Canceled) || len(delays) != 1 || delays[0] != feishuerr.MaxRetryAfter {
		t.Fatalf("got %v, delays %v; want context.Canceled after one %v wait", err, delays, feishuerr.MaxRetryAfter)
	}
}

func expiredCall(calls *int) func(context.Context) error {
	return func(context.Context) error {
		*calls++
		return feishuerr.Parse(401, nil, []byte(tokenExpired))
	}
}

func TestRefreshThatNeverReturnsEndsTheCall(t *testing.T) {
	block := make(chan struct{})
	defer close(block)
	hang := func(context.Context) (string, error) {
		<-block // ignores its ctx
		return "t-late", nil
	}
	// Without a deadline of its own: max(MaxWait, 1 s).
	calls := 0
	err := feishuerr.Do(context.Background(), feishuerr.Policy{MaxWait: time.Millisecond, RefreshToken: hang}, expiredCall(&calls))
	if e := apiError(t, err); e.Code != 99991663 || e.Cause == nil || !strings.Contains(e.Cause.Error(), "did not return within 1s") || calls != 1 {
		t.Fatalf("got %v (cause %v) after %d calls", err, e.Cause, calls)
	}
	// The caller's ctx ends it at once, with ctx.Err().
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(20*time.Millisecond, cancel)
	calls = 0
	err = feishuerr.Do(ctx, feishuerr.Policy{RefreshToken: hang}, expiredCall(&calls))
	if !errors.Is(err, context.Canceled) || calls != 1 {
		t.Fatalf("got %v after %d calls; want context.Canceled after 1", err, calls)
	}
}

func TestRefreshThatPanicsIsTheCause(t *testing.T) {
	calls := 0
	err := feishuerr.Do(context.Background(), feishuerr.Policy{RefreshToken: func(context.Context) (string, error) { panic("no secret") }}, expiredCall(&calls))
	if e := apiError(t, err); e.Cause == nil || !strings.Contains(e.Cause.Error(), "no secret") || calls != 1 {
		t.Fatalf("got %v after %d calls", err, calls)
	}
}

func TestTransportEmptyTokenIsNotARetry(t *testing.T) {
	for _, fresh := range []string{"", "t-a\r\nX-Injected: 1"} {
		s := serve(t, answer{status: 401, header: map[string]string{"Content-Type": "application/json"}, body: tokenExpired})
		client := &http.Client{Transport: feishuerr.Transport{Policy: feishuerr.Policy{RefreshToken: func(context.Context) (string, error) { return fresh, nil }}}}
		req, _ := http.NewRequest(http.MethodGet, s.URL, nil)
		req.Header.Set("Authorization", "Bearer t-stale")
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		if apiError(t, feishuerr.FromResponse(resp)).Code != 99991663 || s.requests() != 1 {
			t.Fatalf("token %q: %d requests; want Feishu's 401 after 1", fresh, s.requests())
		}
	}
}

// A body GetBody cannot give again: the refresh is not spent and Feishu's answer comes back whole.
func TestTransportBodyThatCannotBeSentAgain(t *testing.T) {
	s := serve(t, answer{status: 401, header: map[string]string{"Content-Type": "application/json"}, body: tokenExpired})
	refreshes := 0
	client := &http.Client{Transport: feishuerr.Transport{Policy: feishuerr.Policy{RefreshToken: func(context.Context) (string, error) {
		refreshes++
		return "t-fresh", nil
	}}}}
	req, _ := http.NewRequest(http.MethodPost, s.URL, strings.NewReader(`{"name":"x"}`))
	req.GetBody = func() (io.ReadCloser, error) { return nil, errors.New("the upload is gone") }
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if e := apiError(t, feishuerr.FromResponse(resp)); e.Code != 99991663 || refreshes != 0 || s.requests() != 1 {
		t.Fatalf("got %v, %d refreshes, %d requests; want 99991663, 0, 1", e, refreshes, s.requests())
	}
}
