"""A relying party's back-channel logout endpoint on 127.0.0.1 (Back-Channel
Logout 1.0 §2.5): it records every POST and answers what the test sets."""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs


class RelyingPartyServer:
    def __init__(self):
        self.status = 200
        self.delay = 0.0  # seconds before answering
        self.received: list[dict] = []  # {"content_type": ..., "form": {...}}
        self.arrived = threading.Event()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                body = self.rfile.read(length).decode()
                form = {name: values[0] for name, values in parse_qs(body).items()}
                server.received.append({"content_type": self.headers.get("Content-Type"), "form": form})
                server.arrived.set()
                time.sleep(server.delay)
                self.send_response(server.status)
                self.send_header("Cache-Control", "no-store")
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *_args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.httpd.server_port}/backchannel-logout"

    @property
    def tokens(self) -> list[str]:
        return [request["form"]["logout_token"] for request in self.received]

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()
