"""A fake HelloAsso API on loopback, answering from the recorded samples in tests/fees/data/.

It serves what our client uses: POST /oauth2/token (client credentials), GET /v5/orders/<id>
and GET /v5/organizations/<slug>/checkout-intents/<id>, with a bearer token required, and
counts the requests it gets; GET /v5/payments/<id> too, for completeness.

Shapes are those of HelloAsso's API v5 as its generated SDKs document them (HelloAsso's own
helloasso-node and helloasso-python, docs/HelloAssoApiV5*): an order (OrderDetail) lists its
`items` (OrderItem, each with `payments`: [{id, shareAmount}]) and its `payments`
(OrderPayment: id, amount, amountTip, date, installmentNumber, state, items: [{id,
shareAmount, shareItemAmount}]); a Payment notification's `data` is a PaymentDetail (the
payment with `order` and `payer`). Payment states are the enum PaymentState: Authorized,
Refused, Registered, Refunded, Refunding, Contested, WaitingBankValidation,
WaitingBankWithdraw, Pending, Waiting, Canceled, Error, Abandoned…

`forbidden` holds path prefixes answered 403, as HelloAsso does when the API client lacks a
privilege (GET /v5/orders/<id> needs AccessTransactions)."""

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
        self.forbidden = set()  # path prefixes answered 403 (a privilege missing on the client)
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

    def instalment_order(self, order_id, instalments, item_amount=None, item_id=61223399, tip=0, **changes):
        """An order of the membership form paid in several instalments; `instalments` is a
        list of (payment id, amount in cents, state, ISO date). The membership item costs
        `item_amount` (the sum of the instalments by default); each payment carries its share
        of the item, and the item its share of each payment, as HelloAsso reports them."""
        order = copy.deepcopy(sample("order"))
        item = order["items"][0]
        item.update(
            id=item_id,
            amount=item_amount if item_amount is not None else sum(a for _, a, _, _ in instalments),
            initialAmount=item_amount if item_amount is not None else sum(a for _, a, _, _ in instalments),
            payments=[{"id": pid, "shareAmount": amount} for pid, amount, _, _ in instalments],
        )
        template = order["payments"][0]
        order["payments"] = []
        for number, (pid, amount, state, date) in enumerate(instalments, start=1):
            payment = copy.deepcopy(template)
            payment.update(
                id=pid, amount=amount + (tip if number == 1 else 0), amountTip=tip if number == 1 else 0,
                date=date, installmentNumber=number, state=state,
                items=[{"id": item_id, "shareAmount": amount, "shareItemAmount": amount}],
            )
            order["payments"].append(payment)
        order["amount"] = {"total": sum(a for _, a, _, _ in instalments) + tip, "vat": 0, "discount": 0}
        order["id"] = int(order_id)
        order.update(changes)
        self.orders[str(order_id)] = order
        return order

    def set_state(self, order_id, payment_id, state, date=None):
        """HelloAsso's side changes: a payment is authorised, refunded, contested…"""
        for payment in self.orders[str(order_id)]["payments"]:
            if str(payment["id"]) == str(payment_id):
                payment["state"] = state
                if date:
                    payment["date"] = date
                return payment
        raise KeyError(payment_id)

    def add_instalment(self, order_id, payment_id, amount, state, date):
        """The next instalment of an order appears at HelloAsso."""
        order = self.orders[str(order_id)]
        item = order["items"][0]
        template = order["payments"][0]
        payment = copy.deepcopy(template)
        payment.update(
            id=payment_id, amount=amount, amountTip=0, date=date, installmentNumber=len(order["payments"]) + 1,
            state=state, items=[{"id": item["id"], "shareAmount": amount, "shareItemAmount": amount}],
        )
        order["payments"].append(payment)
        item["payments"].append({"id": payment_id, "shareAmount": amount})
        return payment

    def payment_notification(self, order_id, payment_id):
        """The notification HelloAsso posts for one payment (eventType Payment, data: a
        PaymentDetail), built from the order as it stands."""
        order = self.orders[str(order_id)]
        payment = next(p for p in order["payments"] if str(p["id"]) == str(payment_id))
        item = order["items"][0]
        data = {k: v for k, v in payment.items() if k not in ("items", "meta")}
        data["order"] = {k: order[k] for k in ("id", "date", "formSlug", "formType", "organizationName",
                                               "organizationSlug", "organizationType", "organizationIsUnderColucheLaw")}
        data["payer"] = {k: order["payer"][k] for k in ("email", "country", "firstName", "lastName")}
        data["items"] = [dict(share, amount=item["amount"], type=item["type"], state=item["state"], name=item["name"])
                         for share in payment["items"]]
        return {"data": data, "eventType": "Payment"}

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
                if any(self.path.startswith(prefix) for prefix in fake.forbidden):
                    return self._json(403, {"message": "Forbidden: the client lacks a privilege for this resource."})
                parts = self.path.strip("/").split("/")
                if parts[:2] == ["v5", "orders"] and len(parts) == 3 and parts[2] in fake.orders:
                    return self._json(200, fake.orders[parts[2]])
                if parts[:2] == ["v5", "payments"] and len(parts) == 3:
                    for order in fake.orders.values():
                        for payment in order["payments"]:
                            if str(payment["id"]) == parts[2]:
                                return self._json(200, fake.payment_notification(order["id"], payment["id"])["data"])
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
