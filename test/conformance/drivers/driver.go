// The Go runtime's conformance driver: reads every case of the file named by its argument
// (see conformance.test.ts) and prints one JSON line per case and variant, through
// Parse/ParseModule and FromResponse.
package main

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"

	"GOMODULE/feishuerr"
)

type answer struct {
	IsError              bool     `json:"isError"`
	Code                 int      `json:"code"`
	Msg                  string   `json:"msg"`
	HTTPStatus           *int     `json:"httpStatus"`
	Category             string   `json:"category"`
	Retryable            bool     `json:"retryable"`
	Retry                string   `json:"retry"`
	RetryAfterSeconds    *int     `json:"retryAfterSeconds"`
	Module               *string  `json:"module"`
	Known                bool     `json:"known"`
	LogID                *string  `json:"logId"`
	HelpURLs             []string `json:"helpUrls"`
	PermissionViolations int      `json:"permissionViolations"`
	FieldViolations      int      `json:"fieldViolations"`
	SubCode              *int     `json:"subCode"`
	SubCodeName          *string  `json:"subCodeName"`
}

type line struct {
	Case    int    `json:"case"`
	Variant string `json:"variant"`
	Answer  any    `json:"answer"`
}

func of(err error) any {
	if err == nil {
		return map[string]bool{"isError": false}
	}
	var e *feishuerr.APIError
	if !errors.As(err, &e) {
		return map[string]string{"driverError": err.Error()}
	}
	a := answer{IsError: true, Code: e.Code, Msg: e.Msg, Category: string(e.Category), Retryable: e.Retryable, Retry: string(e.Retry), HelpURLs: append([]string{}, e.HelpURLs...), PermissionViolations: len(e.PermissionViolations), FieldViolations: len(e.FieldViolations)}
	if e.HTTPStatus != 0 {
		a.HTTPStatus = &e.HTTPStatus
	}
	if e.HasRetryAfter() {
		seconds := int(e.RetryAfter / time.Second)
		a.RetryAfterSeconds = &seconds
	}
	if e.Known != nil {
		a.Module = &e.Known.Module
		a.Known = true
	}
	if e.LogID != "" {
		a.LogID = &e.LogID
	}
	if e.SubCode != 0 {
		a.SubCode = &e.SubCode
	}
	if e.KnownSubCode != nil {
		a.SubCodeName = &e.KnownSubCode.Name
	}
	return a
}

func decode(text string) []byte {
	data, err := base64.StdEncoding.DecodeString(text)
	if err != nil {
		panic(err)
	}
	return data
}

func main() {
	file, err := os.Open(os.Args[1])
	if err != nil {
		panic(err)
	}
	reader := bufio.NewReaderSize(file, 1<<20)
	out := bufio.NewWriter(os.Stdout)
	encoder := json.NewEncoder(out)
	encoder.SetEscapeHTML(false)
	for {
		text, err := reader.ReadString('\n')
		if err == io.EOF {
			break
		}
		if err != nil {
			panic(err)
		}
		fields := strings.Split(strings.TrimSuffix(text, "\n"), "\t")
		index, _ := strconv.Atoi(fields[0])
		status := 0
		if fields[1] != "" {
			status, _ = strconv.Atoi(fields[1])
		}
		module := ""
		if fields[2] != "-" {
			module = string(decode(fields[2]))
		}
		header := http.Header{}
		if fields[3] != "" {
			for _, pair := range strings.Split(fields[3], ",") {
				parts := strings.Split(pair, ":")
				header.Add(string(decode(parts[0])), string(decode(parts[1])))
			}
		}
		body := decode(fields[4])
		emit := func(variant string, err error) {
			if err := encoder.Encode(line{index, variant, of(err)}); err != nil {
				panic(err)
			}
		}
		if fields[6] != "-" {
			parts := strings.Split(fields[6], ":")
			method, url := string(decode(parts[0])), string(decode(parts[1]))
			emit("parse", feishuerr.ParseWith(status, header, body, feishuerr.WithModule(module), feishuerr.WithEndpoint(method, url)))
			if req, err := http.NewRequest(method, url, nil); err == nil && module == "" {
				emit("response", feishuerr.FromResponse(&http.Response{StatusCode: status, Header: header, Body: io.NopCloser(bytes.NewReader(body)), Request: req}))
			}
		} else if module == "" {
			emit("parse", feishuerr.Parse(status, header, body))
			emit("response", feishuerr.FromResponse(&http.Response{StatusCode: status, Header: header, Body: io.NopCloser(bytes.NewReader(body))}))
		} else {
			emit("parse", feishuerr.ParseModule(module, status, header, body))
		}
	}
	if err := out.Flush(); err != nil {
		panic(err)
	}
}
