package feishuretry

import (
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"feishu-errcodes/generated/go/feishuerr"
	"feishu-errcodes/generated/go/hire"
)

func TestParseFollowsTheSharedPolicy(t *testing.T) {
	deep := `{"code":1002102,"msg":"Talent not exist","data":` + strings.Repeat("[", 20000) + strings.Repeat("]", 20000) + `}`
	cases := []struct {
		name   string
		status int
		body   string
		code   int // -1: no error
		cat    feishuerr.Category
		retry  feishuerr.Retry
		msg    string
	}{
		{"a log_id that is a number", 200, `{"code":1002102,"msg":"Talent not exist","error":{"log_id":12}}`, 1002102, feishuerr.NotFound, feishuerr.RetryNever, "Talent not exist"},
		{"a msg that is an object", 200, `{"code":99991400,"msg":{"zh":"x"}}`, 99991400, feishuerr.RateLimit, feishuerr.RetryAfterWait, ""},
		{"data nested 20,000 levels", 200, deep, 1002102, feishuerr.NotFound, feishuerr.RetryNever, "Talent not exist"},
		{"code 1001.0", 200, `{"code":1002102.0,"msg":"x"}`, 1002102, feishuerr.NotFound, feishuerr.RetryNever, "x"},
		{"code 1.0021020e6", 0, `{"code":1.0021020e6}`, 1002102, feishuerr.NotFound, feishuerr.RetryNever, ""},
		{"a string code", 200, `{"code":"1002102","msg":"x"}`, -1, "", "", ""},
		{"a fractional code", 200, `{"code":1.5}`, -1, "", "", ""},
		{"a code past 32 bits is code 0", 200, `{"code":1e300}`, 0, feishuerr.Unknown, feishuerr.RetryNever, ""},
		{"code 0", 200, `{"code":0,"msg":"success"}`, -1, "", "", ""},
		{"an HTML gateway page", 502, `<html>Bad Gateway</html>`, 0, feishuerr.Server, feishuerr.RetryWithBackoff, "HTTP 502"},
		{"an empty 503", 503, ``, 0, feishuerr.Server, feishuerr.RetryWithBackoff, "HTTP 503"},
		{"a truncated 429", 429, `{"code":99991400,"ms`, 0, feishuerr.RateLimit, feishuerr.RetryAfterWait, "HTTP 429"},
		{"code 0 with a 500", 500, `{"code":0,"msg":"oops"}`, 0, feishuerr.Server, feishuerr.RetryWithBackoff, "oops"},
		{"a 501", 501, ``, 0, feishuerr.Unknown, feishuerr.RetryNever, "HTTP 501"},
		{"a 401 page", 401, `nope`, 0, feishuerr.Authentication, feishuerr.RetryAfterTokenRefresh, "HTTP 401"},
		{"a 400 page", 400, `nope`, 0, feishuerr.Validation, feishuerr.RetryNever, "HTTP 400"},
		{"a 1xx", 103, ``, 0, feishuerr.Unknown, feishuerr.RetryNever, "HTTP 103"},
		{"an HTML 200", 200, `<html>ok</html>`, -1, "", "", ""},
		{"no status and not JSON", 0, `<html>`, -1, "", "", ""},
		{"an unlisted code with a 503", 503, `{"code":123456789,"msg":"x"}`, 123456789, feishuerr.Server, feishuerr.RetryWithBackoff, "x"},
		{"an unlisted code without a status", 0, `{"code":123456789}`, 123456789, feishuerr.Unknown, feishuerr.RetryNever, ""},
		{"a platform token code", 401, `{"code":99991677,"msg":"token expire"}`, 99991677, feishuerr.Authentication, feishuerr.RetryAfterTokenRefresh, "token expire"},
		{"a body past 8 MiB", 200, `{"code":1002102,"msg":"` + strings.Repeat("a", feishuerr.MaxBodyBytes) + `"}`, -1, "", "", ""},
	}
	for _, c := range cases {
		err := feishuerr.Parse(c.status, nil, []byte(c.body))
		if c.code == -1 {
			if err != nil {
				t.Errorf("%s: got %v, want nil", c.name, err)
			}
			continue
		}
		e := apiError(t, err)
		if e.Code != c.code || e.Category != c.cat || e.Retry != c.retry || e.Msg != c.msg || e.HTTPStatus != c.status {
			t.Errorf("%s: got code %d %s %s msg %q status %d; want %d %s %s %q", c.name, e.Code, e.Category, e.Retry, e.Msg, e.HTTPStatus, c.code, c.cat, c.retry, c.msg)
		}
	}
}

func TestRetryAfterIsNeverNegativeAndCapped(t *testing.T) {
	future := time.Now().Add(90 * time.Second).UTC().Format(http.TimeFormat)
	cases := []struct {
		reset, retryAfter string
		want              time.Duration
	}{
		{"7", "30", 7 * time.Second},
		{" 3 ", "", 3 * time.Second},
		{"0", "30", 0},
		{"-5", "", 0},
		{"-5", "4", 4 * time.Second},
		{"1.5", "", 0},
		{"1e3", "", 0},
		{"+3", "", 0},
		{"99999999999999999999999999", "", time.Hour},
		{"9223372036854775807", "", time.Hour},
		{"3601", "", time.Hour},
		{"", "-1", 0},
		{"", "18446744073709551616", time.Hour},
		{"", "Fri, 31 Dec 9999 23:59:59 GMT", time.Hour},
		{"", "Mon, 01 Jan 0001 00:00:00 GMT", 0},
		{"", "tomorrow", 0},
	}
	for _, c := range cases {
		header := http.Header{}
		if c.reset != "" {
			header.Set("x-ogw-ratelimit-reset", c.reset)
		}
		if c.retryAfter != "" {
			header.Set("retry-after", c.retryAfter)
		}
		e := apiError(t, feishuerr.Parse(429, header, []byte(`{"code":99991400}`)))
		if e.RetryAfter != c.want {
			t.Errorf("reset %q, Retry-After %q: RetryAfter %v, want %v", c.reset, c.retryAfter, e.RetryAfter, c.want)
		}
	}
	header := http.Header{"Retry-After": {future}}
	if e := apiError(t, feishuerr.Parse(429, header, []byte(`{}`))); e.RetryAfter < 88*time.Second || e.RetryAfter > 91*time.Second {
		t.Errorf("Retry-After %s: RetryAfter %v, want about 90s", future, e.RetryAfter)
	}
}

func TestErrorsIsComparesTheNumberOnTheWire(t *testing.T) {
	err := feishuerr.Parse(200, nil, []byte(`{"code":1002102.0,"msg":"x"}`))
	if !errors.Is(err, hire.TalentNotExist) || errors.Is(err, hire.Code(1002103)) {
		t.Fatalf("errors.Is(%v, TalentNotExist) should be true and false for another code", err)
	}
	if info, ok := feishuerr.LookupModule("hire-v1", 1002102); !ok || info.Name != "TalentNotExist" || info.Retry != feishuerr.RetryNever {
		t.Fatalf("LookupModule: %+v %t", info, ok)
	}
	if _, ok := feishuerr.LookupModule("other-v1", 1002102); ok {
		t.Fatal("LookupModule of a module that does not list the code")
	}
}
