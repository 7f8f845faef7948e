"""Back to a sign-in that is over: somewhere useful, never a dead end.

After a sign-in the browser's back button returns to its last page (the code, the
consent), whose transaction was deleted when the code was issued. A citizen who is
signed in goes back to the service, at the home page it registered (`client_uri`,
OIDC Registration §2), or, without one, to their account, told so; anyone else reads
that the sign-in has expired and starts again at the service.

Only a registered client_uri is ever gone to, never an address from the request: the
page's URL names the transaction, and the browser's own record names its service
(idp/interaction/transaction.py), so nobody can make this an open redirect.
"""

from flask import Flask, flash, redirect, url_for

from idp.interaction.transaction import TransactionExpired
from idp.services import clients
from idp.services.browser_sessions import current_session
from idp.web.errors import render_error_page
from idp.web.i18n import N_

ALREADY_SIGNED_IN = N_("You are already signed in. To continue at a service, go back to it and open it again.")


def service_home(client_id: str | None) -> str | None:
    """The home page the service registered, while it may still be signed in to."""
    client = clients.find_live(client_id) if client_id else None
    return client.client_uri if client is not None else None


def sign_in_over(error: TransactionExpired):
    if current_session() is None:
        return render_error_page(error)
    home = service_home(error.client_id)
    if home:
        return redirect(home, code=303)
    flash(ALREADY_SIGNED_IN)
    return redirect(url_for("account.overview"), code=303)


def register(app: Flask) -> None:
    app.register_error_handler(TransactionExpired, sign_in_over)
