"""A fake HelloAsso API on loopback, answering from the recorded samples in tests/fees/data/.

It serves what our client uses: POST /oauth2/token (client credentials), GET /v5/orders/<id>
and GET /v5/organizations/<slug>/checkout-intents/<id>, with a bearer token required, and
counts the requests it gets."""

import copy
import json
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

DATA = Path(__file__).parent / "data"


def sample(name):
    return json.loads((DATA / f"helloasso_{name}.json").read_text(encoding="utf-8"))


class FakeHelloAsso:
    client_id = "test-client-id"
    client_secret = "test-client-secret"

    def __init__(self):
        self.token_answer = sample("token")
        self.orders = {}
        self.checkout_intents = {}
        self.token_requests = 0
        self.requests = []
        self.revoked = False  # True: answer 401 to the current token once
        self._server = None
        self._thread = None

    @property
    def url(self):
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def add_order(self, order=None, **changes):
        order = copy.deepcopy(order or sample("order"))
        order.update(changes)
        self.orders[str(order["id"])] = order
        return order

    def start(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep test output quiet
                pass

            def _json(self, status, body):
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_POST(self):
                fake.requests.append(("POST", self.path))
                if self.path != "/oauth2/token":
                    return self._json(404, {"error": "not found"})
                length = int(self.headers.get("Content-Length") or 0)
                form = urllib.parse.parse_qs(self.rfile.read(length).decode())
                fake.token_requests += 1
                if (
                    form.get("grant_type") != ["client_credentials"]
                    or form.get("client_id") != [fake.client_id]
                    or form.get("client_secret") != [fake.client_secret]
                ):
                    return self._json(401, {"error": "unauthorized_client"})
                answer = dict(fake.token_answer)
                answer["access_token"] = f"{answer['access_token']}-{fake.token_requests}"
                fake.current_token = answer["access_token"]
                return self._json(200, answer)

            def do_GET(self):
                fake.requests.append(("GET", self.path))
                token = getattr(fake, "current_token", None)
                if not token or self.headers.get("Authorization") != f"Bearer {token}" or fake.revoked:
                    fake.revoked = False
                    return self._json(401, {"message": "Authorization has been denied for this request."})
                parts = self.path.strip("/").split("/")
                if parts[:2] == ["v5", "orders"] and len(parts) == 3 and parts[2] in fake.orders:
                    return self._json(200, fake.orders[parts[2]])
                if (
                    len(parts) == 5
                    and parts[:2] == ["v5", "organizations"]
                    and parts[3] == "checkout-intents"
                    and parts[4] in fake.checkout_intents
                ):
                    return self._json(200, fake.checkout_intents[parts[4]])
                return self._json(404, {"message": "Not found"})

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()
        return self

    def stop(self):
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def api_requests(self, prefix):
        return [path for method, path in self.requests if method == "GET" and path.startswith(prefix)]
