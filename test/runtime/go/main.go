// Command feishucaller calls a Feishu-shaped server and decides what to do with each
// error: feishuerr.Parse turns the response into an *APIError, and errors.Is matches it
// against the generated module constants through any wrapping.
package main

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"

	"feishu-errcodes/generated/go/feishuerr"
	"feishu-errcodes/generated/go/hire"
)

func call(url string) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if err := feishuerr.Parse(resp.StatusCode, resp.Header, body); err != nil {
		return fmt.Errorf("calling %s: %w", url, err)
	}
	return nil
}

func main() {
	base := os.Args[1]
	for _, path := range []string{"/talent", "/rate-limit", "/token", "/ok", "/html"} {
		err := call(base + path)
		var apiErr *feishuerr.APIError
		switch {
		case err == nil:
			fmt.Printf("%s: ok\n", path)
		case errors.Is(err, hire.TalentNotExist):
			errors.As(err, &apiErr)
			fmt.Printf("%s: the talent is gone (log_id %s)\n", path, apiErr.LogID)
		case errors.As(err, &apiErr):
			fmt.Printf("%s: %d %s retryable=%t retry_after=%s status=%d\n", path, apiErr.Code, apiErr.Category, apiErr.Retryable, apiErr.RetryAfter, apiErr.HTTPStatus)
		default:
			fmt.Printf("%s: %v\n", path, err)
		}
	}
	for _, info := range feishuerr.Lookup(int(hire.TalentNotExist)) {
		fmt.Printf("lookup %d: %s %s %s\n", info.Code, info.Module, info.Name, info.Category)
	}
}
