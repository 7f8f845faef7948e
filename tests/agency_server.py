"""A server on 127.0.0.1 standing in for an agency's endpoints (jwks_uri,
sector_identifier_uri): each path answers what the test sets, and every
request it receives is logged."""

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Answer:
    status: int = 200
    body: bytes = b""
    headers: dict = field(default_factory=dict)
    delay: float = 0.0  # seconds before the body is sent


class AgencyServer:
    def __init__(self):
        self.answers: dict[str, Answer] = {}
        self.requests: list[str] = []
        self.host_headers: list[str] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                server.requests.append(self.path)
                server.host_headers.append(self.headers.get("Host", ""))
                answer = server.answers.get(self.path, Answer(404, b"{}"))
                self.send_response(answer.status)
                for name, value in answer.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(answer.body)))
                self.end_headers()
                time.sleep(answer.delay)
                self.wfile.write(answer.body)

            def log_message(self, *_args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_port
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def serve_json(self, path: str, document) -> str:
        self.answers[path] = Answer(200, json.dumps(document).encode(), {"Content-Type": "application/json"})
        return self.url(path)

    def redirect(self, path: str, location: str, status: int = 302) -> str:
        self.answers[path] = Answer(status, b"", {"Location": location})
        return self.url(path)

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()
