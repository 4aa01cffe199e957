package feishuerrors_test

import (
	"fmt"

	"example.com/app/feishuerrors"
	"feishu-errcodes/generated/go/hire"
)

func ExampleExplain() {
	for _, body := range []string{
		`{"code":1002102,"msg":"Talent not exist"}`,
		`{"code":1002108,"msg":"Resume source does not exsit"}`,
		`{"code":99991663,"msg":"Invalid access token for authorization"}`,
	} {
		text, err := feishuerrors.Explain([]byte(body))
		fmt.Println(text, err)
	}
	// Output:
	// the talent is gone: refresh the talent list <nil>
	// ResumeSourceDoesNotExist (1002108): 检查简历来源 ID <nil>
	// unlisted Feishu error 99991663: Invalid access token for authorization <nil>
}

func ExampleLookup() {
	code, ok := hire.Lookup(1002108)
	fmt.Println(code, ok, code.Message())
	unknown, ok := hire.Lookup(42)
	fmt.Println(unknown, ok, unknown.Known())
	// Output:
	// ResumeSourceDoesNotExist true Resume source does not exist
	// Code(42) false false
}
