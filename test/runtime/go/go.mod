module example.com/app/feishucaller

go 1.19

require feishu-errcodes/generated/go v0.0.0

replace feishu-errcodes/generated/go => ../../../generated/go
