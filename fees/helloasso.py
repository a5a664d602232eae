"""Online payment of the membership fee through HelloAsso, the platform French associations
use to collect fees.

A member pays on the association's HelloAsso membership form; HelloAsso then calls our
notification URL. The notification is never trusted alone: we take only the order id from
it and read the order back from HelloAsso's API (v5, OAuth2 client credentials), so a forged
notification can at most make us look up an order that does not exist. Amounts, dates and
the payer come from the API's answer.

Each confirmed order is kept as a `HelloAssoOrder` (its id is unique): a repeated or
concurrent notification of the same order finds it and records nothing more. The payer is
matched to a member by a signed member reference in the checkout's metadata (for payments
started from our own site through a HelloAsso checkout), else by e-mail; an order matched to
nobody waits in the treasurer's queue (Cotisations > Paiements HelloAsso).

Logs carry order ids and outcomes only, never names, e-mails or amounts.
"""

import datetime
import hashlib
import json
import logging
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone

from fees import membership as rules

logger = logging.getLogger(__name__)

TIMEOUT_SECONDS = 10
MEMBER_REFERENCE_SALT = "fees.helloasso.member"
METADATA_KEY = "member"
# Form types whose orders may pay the membership fee: the association's membership form,
# and HelloAsso checkouts started from this site (only with our signed member reference).
MEMBERSHIP_FORM_TYPE = "Membership"
CHECKOUT_FORM_TYPE = "Checkout"
PAID_STATE = "Authorized"  # a card payment accepted by HelloAsso
CANCELED_ITEM_STATE = "Canceled"


class HelloAssoError(Exception):
    """HelloAsso's API could not be reached or answered something unusable."""


class UnknownOrder(Exception):
    """HelloAsso does not know this order (or does not show it to our credentials)."""


class Rejected(Exception):
    """A confirmed order that must not be recorded; `reason` is safe to log."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


class NotAFee(Exception):
    """A genuine order of the association that does not pay the membership fee."""


class Outcome:
    RECORDED = "recorded"
    UNMATCHED = "unmatched"
    DUPLICATE = "duplicate"
    IGNORED = "ignored"


@dataclass
class ConfirmedOrder:
    """What HelloAsso's API says about an order, reduced to what the association needs."""

    order_id: str
    payment_id: str
    paid_on: datetime.date
    amount: Decimal
    payer_email: str
    payer_name: str
    member_reference: str = ""


# --- The API client ----------------------------------------------------------------------

def api_url(path):
    return settings.HELLOASSO_API_URL.rstrip("/") + path


def _token_cache_key():
    identity = f"{settings.HELLOASSO_API_URL}|{settings.HELLOASSO_CLIENT_ID}"
    return "fees:helloasso:token:" + hashlib.sha256(identity.encode()).hexdigest()[:16]


def _read_json(request):
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
            return json.loads(response.read().decode("utf-8"))
    except urllib.error.HTTPError:
        raise
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as error:
        raise HelloAssoError(type(error).__name__) from None


def access_token(refresh=False):
    """An OAuth2 access token for our client credentials, cached until shortly before it expires."""
    key = _token_cache_key()
    if not refresh:
        token = cache.get(key)
        if token:
            return token
    body = urllib.parse.urlencode(
        {
            "grant_type": "client_credentials",
            "client_id": settings.HELLOASSO_CLIENT_ID,
            "client_secret": settings.HELLOASSO_CLIENT_SECRET,
        }
    ).encode()
    request = urllib.request.Request(
        api_url("/oauth2/token"),
        data=body,
        method="POST",
        headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"},
    )
    try:
        answer = _read_json(request)
    except urllib.error.HTTPError as error:
        raise HelloAssoError(f"token request refused ({error.code})") from None
    token = answer.get("access_token") if isinstance(answer, dict) else None
    if not token:
        raise HelloAssoError("no access token in the answer")
    try:
        expires_in = int(answer.get("expires_in") or 0)
    except (TypeError, ValueError):
        expires_in = 0
    # Keep a margin so a token is never used in its last minute.
    cache.set(key, token, timeout=max(expires_in - 60, 30))
    return token


def api_get(path):
    """GET a JSON resource of the API; a 401 renews the token once."""
    for attempt in range(2):
        request = urllib.request.Request(
            api_url(path),
            headers={"Authorization": f"Bearer {access_token(refresh=attempt > 0)}", "Accept": "application/json"},
        )
        try:
            return _read_json(request)
        except urllib.error.HTTPError as error:
            if error.code == 401 and attempt == 0:
                continue
            if error.code == 404:
                raise UnknownOrder() from None
            raise HelloAssoError(f"API answered {error.code}") from None
    raise HelloAssoError("API refused our token")  # pragma: no cover


# --- The member reference (signed, so nobody can point a payment at someone else) ------

def member_reference(user):
    """A value to put in a HelloAsso checkout's metadata under "member"."""
    return signing.dumps(user.pk, salt=MEMBER_REFERENCE_SALT)


def member_from_reference(value):
    if not isinstance(value, str) or not value:
        return None
    try:
        pk = signing.loads(value, salt=MEMBER_REFERENCE_SALT)
    except signing.BadSignature:
        logger.warning("HelloAsso: a member reference with a bad signature was ignored.")
        return None
    return get_user_model().objects.filter(pk=pk, is_active=True).first()


# --- Reading a notification and confirming its order -------------------------------------

def order_id_from_notification(payload):
    """(order id, form type as announced) for a notification about an order or a payment,
    or None for anything else. The form type only lets us skip foreign events early: it is
    checked again on the API's answer."""
    if not isinstance(payload, dict) or not isinstance(payload.get("data"), dict):
        raise ValueError("not a notification")
    event, data = payload.get("eventType"), payload["data"]
    if event == "Order":
        order_id, form_type = data.get("id"), data.get("formType")
    elif event == "Payment":
        order = data.get("order") if isinstance(data.get("order"), dict) else {}
        order_id, form_type = order.get("id"), order.get("formType")
    else:
        return None
    if form_type is not None and form_type not in (MEMBERSHIP_FORM_TYPE, CHECKOUT_FORM_TYPE):
        return None
    if isinstance(order_id, bool) or not isinstance(order_id, (int, str)) or not str(order_id).isdigit():
        raise ValueError("no usable order id")
    return str(int(order_id)), form_type


def _cents(value):
    if isinstance(value, bool) or not isinstance(value, int):
        raise Rejected("amount is not a whole number of cents")
    return Decimal(value) / 100


def _local_date(value):
    try:
        moment = datetime.datetime.fromisoformat(str(value))
    except ValueError:
        raise Rejected("unreadable payment date") from None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, datetime.timezone.utc)
    return timezone.localtime(moment).date()


def confirm_order(order_id):
    """Read the order from HelloAsso's API and check it can pay the fee.

    Raises UnknownOrder (HelloAsso doesn't know it), Rejected (not ours, not paid, nothing to
    pay), NotAFee (an order for something else) or HelloAssoError (the API is unreachable)."""
    order = api_get(f"/v5/orders/{order_id}")
    if not isinstance(order, dict) or str(order.get("id")) != order_id:
        raise HelloAssoError("the API answered with another order")
    if order.get("organizationSlug") != settings.HELLOASSO_ORGANIZATION_SLUG:
        raise Rejected("order of another organisation")
    form_type = order.get("formType")
    if form_type not in (MEMBERSHIP_FORM_TYPE, CHECKOUT_FORM_TYPE):
        raise NotAFee()

    payments = [p for p in order.get("payments") or [] if isinstance(p, dict) and p.get("state") == PAID_STATE]
    if not payments:
        raise Rejected("no authorised payment")
    payment = payments[0]
    if payment.get("id") is None:
        raise Rejected("payment without id")

    # The fee is what the membership items cost: HelloAsso's payment amount also carries the
    # voluntary tip the payer gave HelloAsso, which is not the association's money.
    items = [i for i in order.get("items") or [] if isinstance(i, dict) and i.get("state") != CANCELED_ITEM_STATE]
    membership_items = [i for i in items if i.get("type") == "Membership"]
    if membership_items:
        amount = sum((_cents(i.get("amount")) for i in membership_items), Decimal("0"))
    else:
        amount = _cents(payment.get("amount")) - _cents(payment.get("amountTip") or 0)
    if amount <= 0:
        raise Rejected("amount not above zero")

    reference = ""
    if order.get("checkoutIntentId"):
        try:
            intent = api_get(
                f"/v5/organizations/{settings.HELLOASSO_ORGANIZATION_SLUG}/checkout-intents/{order['checkoutIntentId']}"
            )
        except UnknownOrder:
            intent = None
        metadata = intent.get("metadata") if isinstance(intent, dict) else None
        if isinstance(metadata, dict) and isinstance(metadata.get(METADATA_KEY), str):
            reference = metadata[METADATA_KEY]
    if form_type == CHECKOUT_FORM_TYPE and not reference:
        raise NotAFee()  # a checkout for something else than the fee

    payer = order.get("payer") if isinstance(order.get("payer"), dict) else {}
    name = " ".join(str(payer.get(k) or "").strip() for k in ("firstName", "lastName")).strip()
    return ConfirmedOrder(
        order_id=order_id,
        payment_id=str(payment["id"]),
        paid_on=min(_local_date(payment.get("date") or order.get("date")), timezone.localdate()),
        amount=amount,
        payer_email=str(payer.get("email") or "").strip()[:254],
        payer_name=name[:200],
        member_reference=reference,
    )


# --- Matching and recording --------------------------------------------------------------

def match_member(order):
    """The member this order pays for: by the signed reference, else by e-mail when exactly
    one active account that is or was a member has it; None otherwise."""
    from fees.forms import payable_members

    if order.member_reference:
        user = member_from_reference(order.member_reference)
        if user is not None:
            return user
    if order.payer_email:
        candidates = list(payable_members().filter(email__iexact=order.payer_email, is_active=True)[:2])
        if len(candidates) == 1:
            return candidates[0]
    return None


def already_recorded(order):
    from fees.models import HelloAssoOrder, Payment

    return (
        HelloAssoOrder.objects.filter(order_id=order.order_id).exists()
        or Payment.objects.filter(helloasso_payment_id=order.payment_id).exists()
    )


def record_for(entry, user, recorded_by=None):
    """Record the fee an order paid, for `user`: the payment and its receipt; the order is
    resolved and forgets the payer (the payment keeps what the accounts need)."""
    from fees.models import HelloAssoOrder

    entry.payment = rules.record_payment(
        user,
        paid_on=entry.paid_on,
        amount=entry.amount,
        method="helloasso",
        reference=entry.order_id,
        recorded_by=recorded_by,
        helloasso_payment_id=entry.helloasso_payment_id or None,
    )
    entry.status = HelloAssoOrder.Status.RECORDED
    entry.resolved_at = timezone.now()
    entry.payer_name = entry.payer_email = ""
    entry.save()
    return entry.payment


def record_order(order):
    """Record a confirmed order once: the member's payment when matched, else an entry in the
    treasurer's queue. A concurrent notification of the same order loses on the unique order
    id (or payment id) and changes nothing."""
    from fees.models import HelloAssoOrder

    if already_recorded(order):
        return Outcome.DUPLICATE, None
    try:
        with transaction.atomic():
            entry = HelloAssoOrder.objects.create(
                order_id=order.order_id,
                helloasso_payment_id=order.payment_id,
                paid_on=order.paid_on,
                amount=order.amount,
                payer_name=order.payer_name,
                payer_email=order.payer_email,
            )
            user = match_member(order)
            if user is None:
                return Outcome.UNMATCHED, entry
            record_for(entry, user)
            return Outcome.RECORDED, entry
    except IntegrityError:
        return Outcome.DUPLICATE, None


def handle_notification(payload):
    """Process one notification; returns an Outcome. Raises ValueError (malformed),
    UnknownOrder, Rejected or HelloAssoError."""
    found = order_id_from_notification(payload)
    if found is None:
        return Outcome.IGNORED
    order_id, _form_type = found
    try:
        order = confirm_order(order_id)
    except NotAFee:
        logger.info("HelloAsso order %s: not a membership fee, ignored.", order_id)
        return Outcome.IGNORED
    outcome, _entry = record_order(order)
    logger.info("HelloAsso order %s: %s.", order_id, outcome)
    return outcome


def resolve_by_hand(entry, user, recorded_by):
    """The treasurer attaches a queued order to a member: the payment is recorded and the
    payer's details are erased from the order. Returns the payment, or None when the order
    was resolved meanwhile."""
    from fees.models import HelloAssoOrder

    with transaction.atomic():
        entry = HelloAssoOrder.objects.select_for_update().get(pk=entry.pk)
        if entry.status != HelloAssoOrder.Status.UNMATCHED:
            return None
        return record_for(entry, user, recorded_by)


def ignore_by_hand(entry):
    """The treasurer sets a queued order aside (not a membership fee, refunded…)."""
    from fees.models import HelloAssoOrder

    updated = HelloAssoOrder.objects.filter(pk=entry.pk, status=HelloAssoOrder.Status.UNMATCHED).update(
        status=HelloAssoOrder.Status.IGNORED, resolved_at=timezone.now(), payer_name="", payer_email=""
    )
    return bool(updated)
