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
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

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


class HelloAssoForbidden(HelloAssoError):
    """HelloAsso's API answered 403: our API client lacks a right (a setting to fix on
    HelloAsso, not a passing outage). `right` is HelloAssoApiProblem.Right's value."""

    def __init__(self, right):
        super().__init__(f"API client lacks the right to read {right} (403)")
        self.right = right


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
    CANCELLED = "cancelled"
    PENDING = "pending"
    UNMATCHED = "unmatched"
    DUPLICATE = "duplicate"
    IGNORED = "ignored"


# HelloAsso's payment states (API v5, enum HelloAssoApiV5CommonModelsEnumsPaymentState) and
# what each means for the association's accounts.
RECEIVED_STATES = {PAID_STATE}  # money taken: a payment and its receipt
WAITING_STATES = {"WaitingBankValidation", "WaitingBankWithdraw"}  # on its way: recorded when authorised
# Money that went back, or may: the recorded payment is cancelled, with this reason.
CANCELLING_STATES = {
    "Refunded": gettext_lazy("Remboursé sur HelloAsso"),
    "Refunding": gettext_lazy("Remboursement en cours sur HelloAsso"),
    "Contested": gettext_lazy("Paiement contesté auprès de la banque"),
}
# Never taken (refused by the bank, abandoned, cancelled before being taken, in error).
FAILED_STATES = {"Refused", "Error", "Canceled", "Abandoned"}
# Anything else (Pending or Waiting: a future instalment not taken yet; Registered: a payment
# the association entered by hand on HelloAsso, to be recorded here like any cheque;
# AuthorizedPreprod: the sandbox) records nothing.


@dataclass
class ConfirmedInstalment:
    """One payment of an order, as HelloAsso's API reports it: its share of the fee."""

    payment_id: str
    number: int
    state: str
    paid_on: datetime.date
    amount: Decimal


@dataclass
class ConfirmedOrder:
    """What HelloAsso's API says about an order, reduced to what the association needs."""

    order_id: str
    instalments: list
    payer_email: str
    payer_name: str
    member_reference: str = ""
    in_several_times: bool = False

    @property
    def payment_id(self):
        return self.instalments[0].payment_id

    @property
    def paid_on(self):
        return self.instalments[0].paid_on

    @property
    def amount(self):
        return sum((i.amount for i in self.instalments if i.state in RECEIVED_STATES), Decimal("0"))


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


def api_get(path, right="orders"):
    """GET a JSON resource of the API; a 401 renews the token once; a 403 (our client lacks
    `right`) raises HelloAssoForbidden."""
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
            if error.code == 403:
                raise HelloAssoForbidden(right) from None
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
    return timezone.localdate(moment)


def _fee_share(payment, membership_items, single_payment):
    """The part of `payment` that pays the membership items (without options, nor the tip
    the payer gave HelloAsso). Paid at once: the items' amounts. In several instalments: the
    payment's shares of those items (`payments[].items[].shareItemAmount`, else
    `shareAmount`), else the items' shares of this payment (`items[].payments[].shareAmount`)."""
    if single_payment:
        return sum((_cents(i.get("amount")) for i in membership_items), Decimal("0"))
    ids = {item.get("id") for item in membership_items}
    shares = [s for s in payment.get("items") or [] if isinstance(s, dict) and s.get("id") in ids]
    if shares:
        return sum((_cents(s["shareItemAmount"] if "shareItemAmount" in s else s.get("shareAmount"))
                    for s in shares), Decimal("0"))
    return sum(
        (
            _cents(share.get("shareAmount"))
            for item in membership_items
            for share in item.get("payments") or []
            if isinstance(share, dict) and str(share.get("id")) == str(payment.get("id"))
        ),
        Decimal("0"),
    )


def known_payments(payments):
    """Whether any of these HelloAsso payments was seen before (a payment waiting for the bank
    that was then refused must be marked so)."""
    from fees.models import HelloAssoInstalment

    ids = [str(p.get("id")) for p in payments if p.get("id") is not None]
    return HelloAssoInstalment.objects.filter(helloasso_id__in=ids).exists()


def confirm_order(order_id):
    """Read the order from HelloAsso's API and check it can pay the fee: each of its payments
    (one, or one per instalment) with its state and its share of the fee.

    Raises UnknownOrder (HelloAsso doesn't know it), Rejected (not ours, nothing paid nor on
    its way nor refunded, nothing to pay), NotAFee (an order for something else),
    HelloAssoForbidden (our API client lacks a right) or HelloAssoError (the API is
    unreachable)."""
    order = api_get(f"/v5/orders/{order_id}")
    if not isinstance(order, dict) or str(order.get("id")) != order_id:
        raise HelloAssoError("the API answered with another order")
    if order.get("organizationSlug") != settings.HELLOASSO_ORGANIZATION_SLUG:
        raise Rejected("order of another organisation")
    form_type = order.get("formType")
    if form_type not in (MEMBERSHIP_FORM_TYPE, CHECKOUT_FORM_TYPE):
        raise NotAFee()

    items = [i for i in order.get("items") or [] if isinstance(i, dict) and i.get("state") != CANCELED_ITEM_STATE]
    membership_items = [i for i in items if i.get("type") == "Membership"]
    payments = [p for p in order.get("payments") or [] if isinstance(p, dict)]
    money = RECEIVED_STATES | WAITING_STATES | set(CANCELLING_STATES)
    relevant = [p for p in payments if p.get("state") in money | FAILED_STATES]
    # Paid at once or in several times: a refused attempt followed by a successful payment is
    # still a payment at once (its receipt must not speak of instalments).
    scheduled = [p for p in payments if p.get("state") not in FAILED_STATES]
    if not any(p.get("state") in money for p in relevant) and not known_payments(relevant):
        raise Rejected("no authorised payment")
    instalments = []
    for payment in relevant:
        if payment.get("id") is None:
            raise Rejected("payment without id")
        if membership_items:
            amount = _fee_share(payment, membership_items, single_payment=len(scheduled) <= 1)
        else:
            amount = _cents(payment.get("amount")) - _cents(payment.get("amountTip") or 0)
        if amount < 0:
            raise Rejected("amount not above zero")
        if amount == 0:
            continue  # a payment of the order that pays no part of the fee
        number = payment.get("installmentNumber")
        instalments.append(ConfirmedInstalment(
            payment_id=str(payment["id"]),
            number=number if isinstance(number, int) and not isinstance(number, bool) and number > 0 else 1,
            state=payment["state"],
            paid_on=min(_local_date(payment.get("date") or order.get("date")), timezone.localdate()),
            amount=amount,
        ))
    if not instalments:
        raise Rejected("amount not above zero")
    instalments.sort(key=lambda i: (i.number, i.paid_on, i.payment_id))

    reference = ""
    if order.get("checkoutIntentId"):
        try:
            intent = api_get(
                f"/v5/organizations/{settings.HELLOASSO_ORGANIZATION_SLUG}/checkout-intents/{order['checkoutIntentId']}",
                right="checkout",
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
        instalments=instalments,
        payer_email=str(payer.get("email") or "").strip()[:254],
        payer_name=name[:200],
        member_reference=reference,
        in_several_times=len(scheduled) > 1 or any(i.number > 1 for i in instalments),
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


def status_for(state):
    from fees.models import HelloAssoInstalment

    if state in RECEIVED_STATES:
        return HelloAssoInstalment.Status.RECEIVED
    if state in WAITING_STATES:
        return HelloAssoInstalment.Status.PENDING
    if state in CANCELLING_STATES:
        return HelloAssoInstalment.Status.CANCELLED
    if state in FAILED_STATES:
        return HelloAssoInstalment.Status.FAILED
    return None


def already_recorded(order):
    """True when every payment of the order is known in the state HelloAsso reports (a
    repeated notification: nothing to do)."""
    from fees.models import HelloAssoInstalment

    known = dict(
        HelloAssoInstalment.objects.filter(helloasso_id__in=[i.payment_id for i in order.instalments])
        .values_list("helloasso_id", "state")
    )
    return all(known.get(i.payment_id) == i.state for i in order.instalments)


def order_period(entry):
    """The membership period the order's first received instalment opened (held by a live
    payment of the order), or None."""
    from fees.models import Payment

    # The order's member's own period only: an instalment cancelled by hand sends the order
    # back to the queue while the others stay recorded for the first member, and attaching
    # the order to someone else must never hand them that member's period.
    opening = (
        Payment.objects.filter(
            helloasso_instalment__order=entry, cancelled_at__isnull=True, membership__isnull=False,
            membership__user_id=entry.member_id,
        )
        .select_related("membership")
        .first()
    )
    return opening.membership if opening is not None else None


def record_instalment(entry, instalment, recorded_by=None, in_several_times=None):
    """Record the payment of one received instalment for the order's member: the first opens
    the membership period, the later ones each get their own receipt and leave the period
    as it is."""
    if in_several_times is None:
        in_several_times = entry.instalments.count() > 1 or instalment.number > 1
    fields = dict(
        paid_on=instalment.paid_on,
        amount=instalment.amount,
        method="helloasso",
        reference=entry.order_id,
        recorded_by=recorded_by,
        helloasso_payment_id=instalment.helloasso_id,
        instalment_number=instalment.number if in_several_times else None,
    )
    period = order_period(entry)
    if period is None:
        payment = rules.record_payment(entry.member, **fields)
    else:
        payment = rules.record_later_instalment(entry.member, period, **fields)
    instalment.payment = payment
    instalment.save(update_fields=["payment", "updated_at"])
    if entry.payment_id is None:
        entry.payment = payment
    return payment


def apply_instalment(entry, confirmed, in_several_times):
    """Bring one instalment to the state HelloAsso reports; returns the Outcome of what
    changed (None: nothing)."""
    from fees.models import HelloAssoInstalment

    status = status_for(confirmed.state)
    instalment = HelloAssoInstalment.objects.select_for_update().filter(helloasso_id=confirmed.payment_id).first()
    if instalment is None:
        if status is None or status == HelloAssoInstalment.Status.FAILED:
            return None  # never seen, and no money: nothing to keep
        instalment = HelloAssoInstalment.objects.create(
            order=entry, helloasso_id=confirmed.payment_id, number=confirmed.number, state=confirmed.state,
            status=status, paid_on=confirmed.paid_on, amount=confirmed.amount,
        )
        created = True
    elif instalment.order_id != entry.pk:
        logger.warning("HelloAsso payment %s reported in two orders: ignored.", confirmed.payment_id)
        return None
    else:
        created = False
    live = instalment.payment if instalment.payment_id and not instalment.payment.cancelled else None
    outcome = None
    if status == HelloAssoInstalment.Status.RECEIVED:
        if live is None:
            instalment.paid_on, instalment.amount = confirmed.paid_on, confirmed.amount
        instalment.status = status
        if entry.member_id is not None and entry.status == entry.Status.RECORDED and live is None:
            record_instalment(entry, instalment, in_several_times=in_several_times)
            outcome = Outcome.RECORDED
    elif status == HelloAssoInstalment.Status.CANCELLED:
        instalment.status = status
        if live is not None:
            # In the site's language, whatever language HelloAsso's request asked for.
            with translation.override(settings.LANGUAGE_CODE):
                reason = str(CANCELLING_STATES[confirmed.state])
            rules.cancel_refunded_payment(live, reason=reason)
            outcome = Outcome.CANCELLED
    elif status == HelloAssoInstalment.Status.PENDING:
        if live is None:
            instalment.status = status
            outcome = Outcome.PENDING if created else None
    elif status == HelloAssoInstalment.Status.FAILED:
        if live is None:
            instalment.status = status
    elif live is not None:
        logger.warning("HelloAsso payment %s: unexpected state for a recorded payment, left as is.",
                       confirmed.payment_id)
    if instalment.state != confirmed.state or created:
        instalment.state = confirmed.state
        instalment.save()
        outcome = outcome or (Outcome.PENDING if status == HelloAssoInstalment.Status.PENDING else None)
    return outcome


def refresh_summary(entry):
    """The order's figures for the treasurer's queue: the first instalment's date and
    payment, and what was received so far."""
    from fees.models import HelloAssoInstalment

    instalments = list(entry.instalments.all())
    if instalments:
        entry.paid_on = instalments[0].paid_on
        entry.helloasso_payment_id = instalments[0].helloasso_id
    entry.amount = sum(
        (i.amount for i in instalments if i.status == HelloAssoInstalment.Status.RECEIVED), Decimal("0")
    )


def record_order(order):
    """Bring a confirmed order to what HelloAsso reports, once: each received instalment a
    payment with its receipt for the order's member (matched when the order is first seen,
    else the order waits in the treasurer's queue), each waiting one pending, each refunded
    or contested one cancelled. A repeated or concurrent notification finds everything
    already in that state and changes nothing."""
    from fees.models import HelloAssoOrder

    if already_recorded(order):
        return Outcome.DUPLICATE, None
    # Two notifications for an order not seen yet may both find no row; the second one's
    # insert then fails on the unique order id. Once more, it finds the row, waits for its
    # lock and brings it to what HelloAsso now reports (which may be newer than the first).
    for attempt in range(2):
        try:
            entry, created, outcomes = _record_order_once(order)
            break
        except IntegrityError:
            if attempt == 1:
                return Outcome.DUPLICATE, None
    if created and entry.status == HelloAssoOrder.Status.UNMATCHED:
        return Outcome.UNMATCHED, entry
    for outcome in (Outcome.CANCELLED, Outcome.RECORDED, Outcome.PENDING):
        if outcome in outcomes:
            return outcome, entry
    return (Outcome.IGNORED if created else Outcome.DUPLICATE), entry


def _record_order_once(order):
    from fees.models import HelloAssoOrder

    with transaction.atomic():
        entry = HelloAssoOrder.objects.select_for_update().filter(order_id=order.order_id).first()
        created = entry is None
        if created:
            with transaction.atomic():
                entry = HelloAssoOrder.objects.create(
                    order_id=order.order_id,
                    helloasso_payment_id=order.payment_id,
                    paid_on=order.paid_on,
                    amount=Decimal("0"),
                    payer_name=order.payer_name,
                    payer_email=order.payer_email,
                )
            user = match_member(order)
            if user is not None:
                entry.member, entry.status = user, HelloAssoOrder.Status.RECORDED
                entry.resolved_at = timezone.now()
                entry.payer_name = entry.payer_email = ""  # the payment keeps what the accounts need
        outcomes = [apply_instalment(entry, i, order.in_several_times) for i in order.instalments]
        refresh_summary(entry)
        entry.save()
    return entry, created, outcomes


def handle_notification(payload):
    """Process one notification; returns an Outcome. Raises ValueError (malformed),
    UnknownOrder, Rejected, HelloAssoForbidden or HelloAssoError."""
    found = order_id_from_notification(payload)
    if found is None:
        return Outcome.IGNORED
    order_id, _form_type = found
    return handle_order(order_id)


def handle_order(order_id):
    try:
        order = confirm_order(order_id)
    except NotAFee:
        logger.info("HelloAsso order %s: not a membership fee, ignored.", order_id)
        return Outcome.IGNORED
    except HelloAssoForbidden as error:
        remember_forbidden(error.right, order_id)
        raise
    outcome, _entry = record_order(order)
    logger.info("HelloAsso order %s: %s.", order_id, outcome)
    return outcome


# --- A right missing on HelloAsso (403): shown to the treasurer, orders kept for later -----

MAX_WAITING_ORDERS = 500


def remember_forbidden(right, order_id):
    from fees.models import HelloAssoApiProblem

    with transaction.atomic():
        problem, _created = HelloAssoApiProblem.objects.select_for_update().get_or_create(right=right)
        kept = order_id in problem.waiting_order_ids or len(problem.waiting_order_ids) < MAX_WAITING_ORDERS
        if order_id not in problem.waiting_order_ids and kept:
            problem.waiting_order_ids = [*problem.waiting_order_ids, order_id]
        problem.save()
    if kept:
        logger.error("HelloAsso API client lacks a right (%s): order %s kept to be read again.", right, order_id)
    else:
        # Past the bound the list stops growing; the order is still in HelloAsso's back office
        # (and in its export), which the treasurer's guide points to.
        logger.error("HelloAsso API client lacks a right (%s): order %s NOT kept (%s orders already wait).",
                     right, order_id, MAX_WAITING_ORDERS)


def api_problems():
    from fees.models import HelloAssoApiProblem

    return list(HelloAssoApiProblem.objects.order_by("right"))


def retry_waiting_orders():
    """Read again the orders notified while HelloAsso refused us (the treasurer fixed the
    API client's rights). Returns (orders handled, problems left). A problem goes away once
    every order it kept was read."""
    from fees.models import HelloAssoApiProblem

    handled = 0
    for problem in HelloAssoApiProblem.objects.order_by("right"):
        left = []
        for index, order_id in enumerate(problem.waiting_order_ids):
            try:
                handle_order(order_id)
            except HelloAssoForbidden:
                left = problem.waiting_order_ids[index:]
                break
            except (UnknownOrder, Rejected):
                pass  # read, and nothing to record
            except HelloAssoError:
                left = problem.waiting_order_ids[index:]
                break
            handled += 1
        read = set(problem.waiting_order_ids) - set(left)
        with transaction.atomic():
            # Locked and read again: a notification refused meanwhile may have added an order,
            # which stays kept; only the orders read here leave the list.
            current = HelloAssoApiProblem.objects.select_for_update().filter(pk=problem.pk).first()
            if current is None:
                continue
            current.waiting_order_ids = [o for o in current.waiting_order_ids if o not in read]
            if current.waiting_order_ids:
                current.save()
            else:
                current.delete()
    return handled, HelloAssoApiProblem.objects.count()


def resolve_by_hand(entry, user, recorded_by):
    """The treasurer attaches a queued order to a member: each instalment received so far is
    recorded (later ones will be as they come) and the payer's details are erased from the
    order. Returns the first payment recorded, or None when the order was resolved meanwhile
    or nothing has been received yet (waiting for the bank)."""
    from fees.models import HelloAssoInstalment, HelloAssoOrder

    with transaction.atomic():
        entry = HelloAssoOrder.objects.select_for_update().get(pk=entry.pk)
        if entry.status != HelloAssoOrder.Status.UNMATCHED:
            return None
        entry.member, entry.status = user, HelloAssoOrder.Status.RECORDED
        entry.resolved_at = timezone.now()
        entry.payer_name = entry.payer_email = ""
        several = entry.instalments.count() > 1
        first = None
        for instalment in entry.instalments.select_for_update().filter(
            status=HelloAssoInstalment.Status.RECEIVED, payment__isnull=True
        ):
            payment = record_instalment(entry, instalment, recorded_by, in_several_times=several or instalment.number > 1)
            first = first or payment
        entry.save()
        return first


def ignore_by_hand(entry):
    """The treasurer sets a queued order aside (not a membership fee, refunded…)."""
    from fees.models import HelloAssoOrder

    updated = HelloAssoOrder.objects.filter(pk=entry.pk, status=HelloAssoOrder.Status.UNMATCHED).update(
        status=HelloAssoOrder.Status.IGNORED, resolved_at=timezone.now(), payer_name="", payer_email=""
    )
    return bool(updated)
