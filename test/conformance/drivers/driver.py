"""The Python runtime's conformance driver.

Reads every case of the file named by its argument (see conformance.test.ts) and prints one
JSON line per case and variant, through to_feishu_error with bytes and with str.
"""

import base64
import json
import sys

from feishu_errcodes.errors import FeishuApiError, to_feishu_error


def answer(error: "FeishuApiError | None") -> "dict[str, object]":
    if error is None:
        return {"isError": False}
    return {
        "isError": True,
        "code": error.code,
        "msg": error.msg,
        "httpStatus": error.http_status,
        "category": error.category,
        "retryable": error.retryable,
        "retry": error.retry,
        "retryAfterSeconds": error.retry_after_seconds,
        "module": error.info.module if error.info is not None else None,
        "known": error.known,
        "logId": error.log_id,
        "helpUrls": list(error.help_urls),
        "permissionViolations": len(error.permission_violations),
        "fieldViolations": len(error.field_violations),
        "subCode": error.sub_code,
        "subCodeName": error.known_sub_code.name if error.known_sub_code is not None else None,
    }


def from_b64(text: str) -> str:
    return base64.b64decode(text).decode("utf-8")


def main() -> None:
    out = []
    with open(sys.argv[1], encoding="ascii") as cases:
        for line in cases:
            index, status_text, module_text, header_text, bytes_text, text_text, endpoint_text = line.rstrip("\n").split("\t")
            method, url = (None, None) if endpoint_text == "-" else (from_b64(part) for part in endpoint_text.split(":"))
            status = None if status_text == "" else int(status_text)
            module = None if module_text == "-" else from_b64(module_text)
            pairs = [] if header_text == "" else [tuple(from_b64(part) for part in pair.split(":")) for pair in header_text.split(",")]
            body = base64.b64decode(bytes_text)
            text = body.decode("utf-8", "replace") if text_text == "=" else base64.b64decode(text_text).decode("utf-16-le", "surrogatepass")
            for variant, given in (("bytes", body), ("str", text)):
                error = to_feishu_error(given, status, pairs, module, method=method, url=url)
                out.append(json.dumps({"case": int(index), "variant": variant, "answer": answer(error)}))
    sys.stdout.write("\n".join(out) + "\n")


main()
