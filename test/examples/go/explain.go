// Package feishuerrors shows how a Go service uses the generated packages: Lookup to turn
// the code of a Feishu response into a Code, the constants to branch on, and the
// methods for the doc's texts.
package feishuerrors

import (
	"encoding/json"
	"fmt"

	"feishu-errcodes/generated/go/hire"
)

// Response is the body the Feishu Open Platform returns on failure.
type Response struct {
	Code int    `json:"code"`
	Msg  string `json:"msg"`
}

// Explain says what to tell an operator about a failed Hire API call.
func Explain(body []byte) (string, error) {
	var r Response
	if err := json.Unmarshal(body, &r); err != nil {
		return "", fmt.Errorf("not a Feishu error body: %w", err)
	}
	// Feishu returns codes that no doc lists: check before trusting the constants.
	code, ok := hire.Lookup(r.Code)
	if !ok {
		return fmt.Sprintf("unlisted Feishu error %d: %s", r.Code, r.Msg), nil
	}
	switch code {
	case hire.TalentNotExist:
		return "the talent is gone: refresh the talent list", nil
	default:
		return fmt.Sprintf("%s (%d): %s", code, int(code), code.Suggestion()), nil
	}
}
