"""The phone-change pages as shown by GET; a post that must show something redirects to
them (idp/web/after_post.py), so back never sends a form again."""

from flask import current_app, g, render_template, url_for

from idp.account import phone_change
from idp.account.phone_codes import NEW_NUMBER, code_on_its_way
from idp.mfa.assurance import authenticator_counts
from idp.phone_otp.otp import why_spent
from idp.phone_otp.phone import mask
from idp.services.browser_sessions import signed_in
from idp.signin import otp_sending
from idp.web import after_post
from idp.web.i18n import format_wait
from idp.web.i18n import gettext as _


def start_page():
    context, status, headers = after_post.shown()
    config = current_app.config
    page = render_template(
        "account/phone.html",
        citizen=g.citizen,
        masked_phone=mask(g.citizen.phone_number),
        expired=phone_change.proof_expired(signed_in()),
        app_counts=authenticator_counts(signed_in()),
        minutes=config["PHONE_CHANGE_PROOF_TTL_SECONDS"] // 60,
        contact=config["SUPPORT_CONTACT"],
        **context,
    )
    return page, status, headers


def start_page_again(status=400, headers=None, **context):
    return after_post.show_again(status, headers, to=url_for("account.phone"), **context)


def new_number_page(phone: str):
    context, status, headers = after_post.shown()
    return render_template("account/phone_new.html", **({"phone": phone} | context)), status, headers


def new_number_page_again(phone: str, status=400, headers=None, **context):
    return after_post.show_again(status, headers, to=url_for("account.phone_new"), phone=phone, **context)


def code_page(purpose: str, number: str):
    context, status, headers = after_post.shown()
    new = purpose == NEW_NUMBER
    wait = otp_sending.seconds_to_wait(number)
    challenge = code_on_its_way(purpose)
    # Locked or expired, not even the right code can verify it: the page offers only a new one.
    spent = why_spent(challenge) if challenge else None
    page = render_template(
        "account/phone_code.html",
        title=_("Check your new number") if new else _("Prove that it is you"),
        masked_phone=mask(number),
        resend_url=url_for("account.phone_resend_new" if new else "account.phone_resend_current"),
        other_number_url=url_for("account.phone_new") if new else None,
        spent=_(spent) if spent else None,
        wait=format_wait(wait) if wait else None,
        wait_seconds=wait,
        **context,
    )
    return page, status, headers
