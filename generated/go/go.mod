module feishu-errcodes/generated/go

go 1.19
