module example.com/app/feishuretry

go 1.19

require feishu-errcodes/generated/go v0.0.0

replace feishu-errcodes/generated/go => ../../../generated/go
