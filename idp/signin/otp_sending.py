"""Sending a sign-in code (OTP) from the pages, and what the citizen reads when none was sent.

The abuse rules themselves live in idp/phone_otp/otp_limits.py; here they become
words and HTTP statuses. Known and unknown numbers take exactly the same path:
who owns a number is looked up only after its code came back.
"""

from dataclasses import dataclass, field

from idp.interaction import transaction
from idp.models import Interaction
from idp.phone_otp import otp_limits
from idp.phone_otp.otp import SIGN_IN, start_challenge
from idp.phone_otp.sms_errors import BudgetExhausted
from idp.services import clients
from idp.services.browser_sessions import browser_id
from idp.web.i18n import current_locale, format_wait
from idp.web.i18n import gettext as _


@dataclass
class NotSent:
    message: str
    status: int
    headers: dict = field(default_factory=dict)


def send_code(number: str, interaction: Interaction) -> None:
    """Text a code to `number` for this sign-in; TooSoon and SmsNotSent propagate."""
    client = clients.find(interaction.client_id)
    challenge = start_challenge(number, SIGN_IN, browser_id(), current_locale(), client.name if client else None)
    transaction.code_sent(interaction, challenge)


def number_on_its_way(interaction: Interaction | None) -> str | None:
    challenge = transaction.pending_challenge(interaction)
    return challenge.phone_number if challenge else None


def seconds_to_wait(number: str) -> int:
    return otp_limits.seconds_to_wait(otp_limits.requester(number, browser_id()))


def not_sent(error: Exception) -> NotSent:
    """TooSoon or SmsNotSent, in the citizen's words."""
    if isinstance(error, otp_limits.TooSoon):
        message = _("You can ask for a new code in {wait}.", wait=format_wait(error.seconds))
        return NotSent(message, 429, {"Retry-After": str(error.seconds)})
    if isinstance(error, BudgetExhausted):
        return NotSent(_("We cannot send codes right now. Please try again later."), 503)
    return NotSent(_("We could not send the SMS. Please try again in a moment."), 503)
