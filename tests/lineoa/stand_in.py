"""A local stand-in for LINE's Messaging API (threaded http.server), so that the tests drive
the real SDK over real HTTP: it records every request and answers as told."""

import json
import threading
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Recorded:
    method: str
    path: str
    headers: dict
    body: dict


@dataclass
class LineStandIn:
    requests: list = field(default_factory=list)
    push_statuses: deque = field(default_factory=deque)  # next answers to pushes (default 200)
    quota: dict = field(default_factory=lambda: {"type": "limited", "value": 1000})
    used: int = 10
    accepted_retry_keys: set = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def of(self, path: str) -> list[Recorded]:
        return [r for r in self.requests if r.path == path]

    @property
    def pushes(self) -> list[Recorded]:
        return self.of("/v2/bot/message/push")

    @property
    def replies(self) -> list[Recorded]:
        return self.of("/v2/bot/message/reply")

    def answer(self, method: str, path: str, headers: dict, body: dict) -> tuple[int, dict]:
        with self.lock:
            self.requests.append(Recorded(method, path, headers, body))
            if path == "/v2/bot/message/push":
                status = self.push_statuses.popleft() if self.push_statuses else 200
                key = headers.get("x-line-retry-key")
                if status == 200 and key in self.accepted_retry_keys:
                    return 409, {"message": "The retry key is already accepted"}
                if status == 200:
                    self.accepted_retry_keys.add(key)
                    return 200, {"sentMessages": [{"id": "1", "quoteToken": "q"}]}
                return status, {"message": "stand-in error"}
            if path == "/v2/bot/message/reply":
                return 200, {"sentMessages": [{"id": "2", "quoteToken": "q"}]}
            if path == "/v2/bot/message/quota":
                return 200, self.quota
            if path == "/v2/bot/message/quota/consumption":
                return 200, {"totalUsage": self.used}
            return 404, {"message": "not found"}


def serve(stand_in: LineStandIn, port: int) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def _any(self):
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            body = json.loads(raw) if raw else {}
            headers = {k.lower(): v for k, v in self.headers.items()}
            status, answer = stand_in.answer(self.command, self.path, headers, body)
            data = json.dumps(answer).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = _any

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
