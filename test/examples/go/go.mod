module example.com/app/feishuerrors

go 1.19

require feishu-errcodes/generated/go v0.0.0

// The generated module lives in this repository; a project that vendors generated/ into
// its own module imports the packages as <goModule>/<package> without any replace.
replace feishu-errcodes/generated/go => ../../../generated/go
