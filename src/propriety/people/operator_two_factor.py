"""Two-factor sign-in for operators who hold no Person (``request.account`` only).

django-otp's devices belong to ``AUTH_USER_MODEL`` (a council's Person), so a
pure operator keeps a small device of their own on the :class:`Account`: the
same time-based codes (django-otp's ``TOTP``), one code used once, and a wait
that doubles after each wrong code. Turning it on or off is recorded in the
installation's own log, :class:`AccountEvent`.

Whether this session has entered a code is kept in the session, tied to the
account and to the device's key, so a reset device (a lost phone) asks again.
"""

from __future__ import annotations

import binascii
import datetime
import time

from django.conf import settings
from django.db import models, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django_otp.oath import TOTP

from propriety.people.accounts import Account, log_account_event

VERIFIED_SESSION_KEY = "_propriety_operator_two_factor"
MAX_WAIT_SECONDS = 60


class OperatorDevice(models.Model):
    """An operator's confirmed authenticator app (one per account)."""

    account = models.OneToOneField(
        Account, on_delete=models.CASCADE, related_name="two_factor_device"
    )
    key = models.CharField(max_length=80, help_text="The shared secret, in hex.")
    last_t = models.BigIntegerField(
        default=-1, help_text="The time step of the last code accepted (each is used once)."
    )
    failure_count = models.PositiveIntegerField(default=0)
    failed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Authenticator app of {self.account}"

    def wait_over(self) -> bool:
        """After n wrong codes in a row, no code is tried for 2**(n-1) seconds (at most 60)."""
        if not self.failure_count or self.failed_at is None:
            return True
        wait = min(2 ** (self.failure_count - 1), MAX_WAIT_SECONDS)
        return timezone.now() >= self.failed_at + datetime.timedelta(seconds=wait)

    def fingerprint(self) -> str:
        return salted_hmac("propriety.people.OperatorDevice", self.key).hexdigest()


def operator_two_factor_required(account: Account) -> bool:
    return bool(account.is_operator and settings.PROPRIETY_TWO_FACTOR_FOR_OPERATORS)


def device_of(account: Account) -> OperatorDevice | None:
    return OperatorDevice.objects.filter(account=account).first()


def code_matches(key: str, code: str, *, after_t: int = -1) -> int | None:
    """The time step the code belongs to (one step either side allowed), or None."""
    totp = TOTP(binascii.unhexlify(key))
    totp.time = time.time()
    if totp.verify(int(code), tolerance=1, min_t=after_t + 1):
        return int(totp.t())
    return None


def do_turn_on_operator_two_factor(account: Account, *, key: str, code: str) -> OperatorDevice:
    """Store the operator's app once its first code is right (replacing any earlier one)."""
    t = code_matches(key, code)
    if t is None:
        raise ValueError("The code does not match the key.")
    with transaction.atomic():
        Account.objects.select_for_update().get(pk=account.pk)
        OperatorDevice.objects.filter(account=account).delete()
        device = OperatorDevice.objects.create(account=account, key=key, last_t=t)
        log_account_event("operator.two_factor_on", account=account, actor=account)
    return device


def do_check_operator_code(device: OperatorDevice, code: str) -> bool:
    """Try a code: right (and not used before) resets the wait; wrong lengthens it."""
    with transaction.atomic():
        device = OperatorDevice.objects.select_for_update().get(pk=device.pk)
        if not device.wait_over():
            return False
        t = code_matches(device.key, code, after_t=device.last_t)
        if t is None:
            device.failure_count += 1
            device.failed_at = timezone.now()
            device.save(update_fields=["failure_count", "failed_at"])
            log_account_event(
                "operator.two_factor_refused",
                account=device.account,
                actor=device.account,
                details={"failures_in_a_row": device.failure_count},
            )
            return False
        device.last_t, device.failure_count, device.failed_at = t, 0, None
        device.save(update_fields=["last_t", "failure_count", "failed_at"])
    return True


def do_turn_off_operator_two_factor(account: Account, *, acting_account: Account | None) -> bool:
    """Remove an operator's app (a lost phone); they set one up again at next sign-in."""
    with transaction.atomic():
        Account.objects.select_for_update().get(pk=account.pk)
        removed, _ = OperatorDevice.objects.filter(account=account).delete()
        if removed:
            log_account_event("operator.two_factor_off", account=account, actor=acting_account)
    return bool(removed)


def mark_verified(request: HttpRequest, device: OperatorDevice) -> None:
    request.session.cycle_key()
    request.session[VERIFIED_SESSION_KEY] = f"{device.account_id}:{device.fingerprint()}"


def is_verified(request: HttpRequest, account: Account) -> bool:
    stored = request.session.get(VERIFIED_SESSION_KEY, "")
    device = device_of(account)
    return device is not None and constant_time_compare(
        stored, f"{account.pk}:{device.fingerprint()}"
    )
