"""FeishuClient of the generated Python runtime against a scripted 127.0.0.1 server in this process.

Run by test/runtime/python-retry.test.ts with the generated package on PYTHONPATH; prints one JSON line per scenario.
"""

import asyncio
import json
import math
import sys
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Dict, List, Mapping, Optional, Tuple

from feishu_errcodes import FeishuApiError, FeishuClient, to_feishu_error

LIMIT = 50
lock = threading.Lock()
seen: List[Dict[str, Any]] = []
start = [time.monotonic()]


class Handler(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        now = time.monotonic()
        status, body, headers = 200, {"code": 0, "msg": "success"}, {}
        reset_at = None
        with lock:
            if self.path == "/limited":
                window = math.floor(now - start[0])
                used = sum(1 for s in seen if s["path"] == self.path and s["status"] == 200 and math.floor(s["at"] - start[0]) == window)
                if used >= LIMIT:
                    reset_at = start[0] + window + 1
                    status, body = 429, {"code": 99991400, "msg": "request trigger frequency limit"}
                    headers = {"x-ogw-ratelimit-reset": str(math.ceil(reset_at - now))}
            elif self.path == "/token" and self.headers.get("Authorization") != "Bearer fresh":
                status, body = 401, {"code": 99991663, "msg": "Invalid access token"}
            elif self.path == "/quota":
                status, body, headers = 400, {"code": 99991403, "msg": "quota exceeded"}, {"x-ogw-ratelimit-reset": "1"}
            elif self.path == "/fail":
                status, body = 500, {"code": 1001, "msg": "internal error"}
            seen.append({"path": self.path, "call": self.headers.get("x-call"), "at": now, "status": status, "reset_at": reset_at})
        data = json.dumps(body).encode()
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


class Server(ThreadingHTTPServer):
    request_queue_size = 1024


server = Server(("127.0.0.1", 0), Handler)
server.daemon_threads = True
threading.Thread(target=server.serve_forever, daemon=True).start()
base = "http://127.0.0.1:%d" % server.server_address[1]
token = {"value": "stale"}


def get(path: str, call: str = "") -> Any:
    request = urllib.request.Request(base + path, headers={"Authorization": "Bearer " + token["value"], "x-call": call})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            raw, status, headers = response.read(), response.status, response.headers
    except urllib.error.HTTPError as http_error:
        raw, status, headers = http_error.read(), http_error.code, http_error.headers
    error = to_feishu_error(raw, status, headers)
    if error is not None:
        raise error
    return json.loads(raw)


def reset() -> None:
    with lock:
        seen.clear()
        start[0] = time.monotonic()


def tier(method: str, path: str) -> Optional[Tuple[Optional[int], Optional[int]]]:
    return (LIMIT, None) if (method, path) == ("GET", "/limited") else None


def report(name: str, **values: Any) -> None:
    print(json.dumps({"name": name, **values}), flush=True)


def limited(pace: bool) -> None:
    reset()
    client = FeishuClient(rate_tier=tier, pace=pace)
    with ThreadPoolExecutor(200) as pool:
        outcomes = list(pool.map(lambda i: client.call(lambda: get("/limited", str(i)), endpoint="GET /limited")["code"], range(200)))
    with lock:
        all_seen = list(seen)
    per_call: Dict[str, int] = {}
    early = 0
    for i, s in enumerate(all_seen):
        if s["status"] != 200:
            per_call[s["call"]] = per_call.get(s["call"], 0) + 1
            early += sum(1 for t in all_seen[i + 1:] if t["call"] == s["call"] and t["at"] < s["reset_at"])
    report("paced" if pace else "limited", ok=outcomes.count(0), requests=len(all_seen),
           most_429=max(per_call.values(), default=0), early=early)


def refresh_once() -> None:
    reset()
    token["value"] = "stale"
    refreshes = [0]

    def refresh() -> None:
        refreshes[0] += 1
        time.sleep(0.02)
        token["value"] = "fresh"

    client = FeishuClient(refresh_token=refresh)
    with ThreadPoolExecutor(100) as pool:
        outcomes = list(pool.map(lambda i: client.call(lambda: get("/token"))["code"], range(100)))
    report("refresh", refreshes=refreshes[0], ok=outcomes.count(0))


async def refresh_once_async() -> None:
    reset()
    token["value"] = "stale"
    refreshes = [0]

    async def refresh() -> None:
        refreshes[0] += 1
        await asyncio.sleep(0.02)
        token["value"] = "fresh"

    client = FeishuClient(refresh_token=refresh)

    async def one() -> int:
        result = await client.call_async(lambda: asyncio.to_thread(get, "/token"))
        return int(result["code"])

    outcomes = await asyncio.gather(*(one() for _ in range(100)))
    report("refresh-async", refreshes=refreshes[0], ok=list(outcomes).count(0))


def breaker() -> None:
    reset()
    client = FeishuClient()
    errors: List[object] = []
    for path in ["/quota", "/quota", "/other"]:
        try:
            client.call(lambda: get(path), endpoint="GET " + path)
        except FeishuApiError as error:
            errors.append(error)
    with lock:
        before = len(seen)
    time.sleep(1.1)
    after = client.call(lambda: get("/other"), endpoint="GET /other")["code"]
    report("breaker", codes=[e.code for e in errors if isinstance(e, FeishuApiError)], same=errors[1] is errors[0] and errors[2] is errors[0],
           before=before, after=after, requests=len(seen))


def budget() -> None:
    reset()
    client = FeishuClient(idempotent=True, max_retries=2)

    def one(_: int) -> int:
        try:
            client.call(lambda: get("/fail"))
        except FeishuApiError as error:
            return error.code
        return 0

    with ThreadPoolExecutor(50) as pool:
        codes = list(pool.map(one, range(1000)))
    report("budget", failed=codes.count(1001), extra=len(seen) - 1000)


def attempts() -> None:
    reset()
    token["value"] = "stale"
    seen_attributes: List[Mapping[str, object]] = []

    def refresh() -> None:
        token["value"] = "fresh"

    FeishuClient(refresh_token=refresh, on_attempt=seen_attributes.append).call(lambda: get("/token"), endpoint="GET /token")
    report("attempts", attributes=[dict(a) for a in seen_attributes])


limited(False)
limited(True)
refresh_once()
asyncio.run(refresh_once_async())
breaker()
budget()
attempts()
