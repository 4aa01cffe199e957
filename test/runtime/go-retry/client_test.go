package feishuretry

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"feishu-errcodes/generated/go/feishuerr"
)

const limit = 50

// seen is one request the tier server answered.
type seen struct {
	path    string
	call    string
	at      time.Time
	status  int
	resetAt time.Time
}

// tierServer enforces 50 calls a second on /open-apis/limited in fixed one-second windows
// from its start, answering 99991400 with x-ogw-ratelimit-reset as Feishu's gateway does.
type tierServer struct {
	*httptest.Server
	mu    sync.Mutex
	start time.Time
	seen  []seen
}

func newTierServer(t *testing.T) *tierServer {
	s := &tierServer{start: time.Now()}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		s.mu.Lock()
		now := time.Now()
		status, body := http.StatusOK, `{"code":0,"msg":"success","data":{}}`
		var resetAt time.Time
		switch r.URL.Path {
		case "/open-apis/limited":
			window := now.Sub(s.start) / time.Second
			n := 0
			for _, x := range s.seen {
				if x.path == r.URL.Path && x.status == 200 && x.at.Sub(s.start)/time.Second == window {
					n++
				}
			}
			if n >= limit {
				resetAt = s.start.Add((window + 1) * time.Second)
				reset := (resetAt.Sub(now) + time.Second - 1) / time.Second
				w.Header().Set("x-ogw-ratelimit-reset", fmt.Sprint(int(reset)))
				status, body = http.StatusTooManyRequests, rateLimited
			}
		case "/open-apis/token":
			if r.Header.Get("Authorization") != "Bearer t-fresh" {
				status, body = http.StatusUnauthorized, tokenExpired
			}
		case "/open-apis/quota":
			w.Header().Set("x-ogw-ratelimit-reset", "1")
			status, body = http.StatusBadRequest, `{"code":99991403,"msg":"This month's API call quota has been exceeded"}`
		case "/open-apis/fail":
			status, body = http.StatusInternalServerError, `{"code":1001,"msg":"internal error"}`
		}
		s.seen = append(s.seen, seen{r.URL.Path, r.Header.Get("x-call"), now, status, resetAt})
		s.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *tierServer) all() []seen {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]seen(nil), s.seen...)
}

func tier(method, path string) (feishuerr.Tier, bool) {
	return feishuerr.Tier{PerSecond: limit}, method == http.MethodGet && path == "/open-apis/limited"
}

// concurrently runs n GETs of url through client at once, each with its number in x-call.
func concurrently(t *testing.T, client *http.Client, url string, n int) {
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			req, _ := http.NewRequest(http.MethodGet, url, nil)
			req.Header.Set("x-call", fmt.Sprint(i))
			resp, err := client.Do(req)
			if err != nil {
				t.Error(err)
				return
			}
			if err := feishuerr.FromResponse(resp); err != nil {
				t.Errorf("call %d: %v", i, err)
			}
		}(i)
	}
	wg.Wait()
}

func TestClientSharesOneWaitPerLimit(t *testing.T) {
	s := newTierServer(t)
	c := feishuerr.NewClient(feishuerr.Policy{RateTier: tier})
	concurrently(t, &http.Client{Transport: c.Transport(nil)}, s.URL+"/open-apis/limited", 200)
	all := s.all()
	ok, perCall := 0, map[string]int{}
	for i, x := range all {
		if x.status == 200 {
			ok++
			continue
		}
		perCall[x.call]++
		for _, y := range all[i+1:] {
			if y.call == x.call && y.at.Before(x.resetAt) {
				t.Fatalf("call %s was sent again %v before its reset", x.call, x.resetAt.Sub(y.at))
			}
		}
	}
	for call, n := range perCall {
		if n > 1 {
			t.Fatalf("call %s met %d 429s", call, n)
		}
	}
	if ok != 200 || len(all) >= 400 {
		t.Fatalf("%d successes, %d requests; want 200, fewer than 400", ok, len(all))
	}
}

func TestClientPacedMeetsNoLimit(t *testing.T) {
	s := newTierServer(t)
	c := feishuerr.NewClient(feishuerr.Policy{RateTier: tier, Pace: true})
	concurrently(t, &http.Client{Transport: c.Transport(nil)}, s.URL+"/open-apis/limited", 200)
	all := s.all()
	for _, x := range all {
		if x.status != 200 {
			t.Fatalf("a paced call met %d", x.status)
		}
	}
	if len(all) != 200 {
		t.Fatalf("%d requests; want 200", len(all))
	}
}

func TestClientRefreshesOncePerExpiry(t *testing.T) {
	s := newTierServer(t)
	var refreshes int32
	c := feishuerr.NewClient(feishuerr.Policy{RefreshToken: func(context.Context) (string, error) {
		atomic.AddInt32(&refreshes, 1)
		time.Sleep(20 * time.Millisecond)
		return "t-fresh", nil
	}})
	client := &http.Client{Transport: c.Transport(nil)}
	var wg sync.WaitGroup
	for i := 0; i < 100; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			req, _ := http.NewRequest(http.MethodGet, s.URL+"/open-apis/token", nil)
			req.Header.Set("Authorization", "Bearer t-stale")
			resp, err := client.Do(req)
			if err == nil {
				err = feishuerr.FromResponse(resp)
			}
			if err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if refreshes != 1 {
		t.Fatalf("%d refreshes; want 1", refreshes)
	}
	// Do shares it too: a call sent before the refresh retries without a new one.
	calls := 0
	err := c.Do(context.Background(), func(ctx context.Context) error {
		calls++
		if calls == 1 {
			return feishuerr.Parse(401, nil, []byte(tokenExpired))
		}
		return nil
	})
	if err != nil || refreshes != 2 {
		t.Fatalf("Do: %v, %d refreshes; want nil after a second refresh (a new expiry)", err, refreshes)
	}
}

func TestClientQuotaBreaker(t *testing.T) {
	s := newTierServer(t)
	c := feishuerr.NewClient(feishuerr.Policy{})
	client := &http.Client{Transport: c.Transport(nil)}
	resp, err := client.Get(s.URL + "/open-apis/quota")
	if err != nil {
		t.Fatal(err)
	}
	if e := apiError(t, feishuerr.FromResponse(resp)); e.Code != 99991403 {
		t.Fatalf("got %v", e)
	}
	var first *feishuerr.APIError
	for _, path := range []string{"/open-apis/quota", "/open-apis/other"} {
		_, err := client.Get(s.URL + path)
		var e *feishuerr.APIError
		if !errors.As(err, &e) || e.Code != 99991403 || first != nil && e != first {
			t.Fatalf("%s: got %v; want the same 99991403 at once", path, err)
		}
		first = e
	}
	if err := c.Do(context.Background(), func(context.Context) error { return nil }); err != first {
		t.Fatalf("Do: got %v; want the same 99991403 at once", err)
	}
	if n := len(s.all()); n != 1 {
		t.Fatalf("%d requests; want 1", n)
	}
	time.Sleep(1100 * time.Millisecond)
	resp, err = client.Get(s.URL + "/open-apis/other")
	if err != nil || feishuerr.FromResponse(resp) != nil || len(s.all()) != 2 {
		t.Fatalf("after the reset: %v, %d requests", err, len(s.all()))
	}
}

func TestClientRetryBudget(t *testing.T) {
	s := newTierServer(t)
	c := feishuerr.NewClient(feishuerr.Policy{Idempotent: true, MaxRetries: 2})
	client := &http.Client{Transport: c.Transport(nil)}
	var wg sync.WaitGroup
	sem := make(chan struct{}, 50)
	for i := 0; i < 1000; i++ {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			resp, err := client.Get(s.URL + "/open-apis/fail")
			if err != nil {
				t.Error(err)
				return
			}
			if e := apiError(t, feishuerr.FromResponse(resp)); e.Code != 1001 {
				t.Errorf("got %v", e)
			}
		}()
	}
	wg.Wait()
	if extra := len(s.all()) - 1000; extra > 2+10/2 {
		t.Fatalf("%d extra requests; want at most maxRetries + maxTokens/2 = 7", extra)
	}
	// Budget.Off: each call retries on its own.
	s2 := newTierServer(t)
	off := feishuerr.NewClient(feishuerr.Policy{Idempotent: true, MaxRetries: 1, Budget: feishuerr.Budget{Off: true}})
	for i := 0; i < 5; i++ {
		resp, err := (&http.Client{Transport: off.Transport(nil)}).Get(s2.URL + "/open-apis/fail")
		if err == nil {
			closeResp(resp)
		}
	}
	if n := len(s2.all()); n != 10 {
		t.Fatalf("Budget.Off: %d requests; want 10", n)
	}
}

func closeResp(resp *http.Response) {
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
}

func TestOnAttemptUsesOpenTelemetryNames(t *testing.T) {
	s := newTierServer(t)
	var got []map[string]any
	c := feishuerr.NewClient(feishuerr.Policy{
		RefreshToken: func(context.Context) (string, error) { return "t-fresh", nil },
		OnAttempt:    func(a feishuerr.Attempt) { got = append(got, a.Attributes()) },
	})
	resp, err := (&http.Client{Transport: c.Transport(nil)}).Get(s.URL + "/open-apis/token")
	if err != nil || feishuerr.FromResponse(resp) != nil {
		t.Fatal(err)
	}
	want := fmt.Sprint([]map[string]any{
		{"http.request.method": "GET", "http.response.status_code": 401, "error.type": "99991663", "feishu.code": 99991663, "feishu.retry": "after_token_refresh"},
		{"http.request.method": "GET", "http.request.resend_count": 1},
	})
	if fmt.Sprint(got) != want {
		t.Fatalf("got %v\nwant %v", got, want)
	}
}
