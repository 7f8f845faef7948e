"""Back to a sign-in that is over: somewhere useful, never a dead end.

After a sign-in the browser's back button returns to its last page (the code, the
consent), whose transaction was deleted when the code was issued. A citizen who is
signed in goes to their account, told so; anyone else reads that the sign-in has
expired and starts again at the service.
"""

from flask import Flask, flash, redirect, url_for

from idp.interaction.transaction import TransactionExpired
from idp.services.browser_sessions import current_session
from idp.web.errors import render_error_page
from idp.web.i18n import N_

ALREADY_SIGNED_IN = N_("You are already signed in. To continue at a service, go back to it and open it again.")


def sign_in_over(error: TransactionExpired):
    if current_session() is None:
        return render_error_page(error)
    flash(ALREADY_SIGNED_IN)
    return redirect(url_for("account.overview"), code=303)


def register(app: Flask) -> None:
    app.register_error_handler(TransactionExpired, sign_in_over)
