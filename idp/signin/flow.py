"""Shared by the sign-in pages: which interaction, which language, where next."""

from flask import g, redirect, request, session, url_for

from idp.oidc.authorize import load_interaction
from idp.web.i18n import pick_locale


def current_interaction():
    """The paused authorization request named in the URL, if any."""
    interaction_id = request.args.get("interaction")
    if not interaction_id:
        g.locale = pick_locale(request.args.get("ui_locales"))
        return None
    interaction = load_interaction(interaction_id)
    g.locale = pick_locale(interaction.params.get("ui_locales"))
    return interaction


AFTER_SIGNIN = "after_signin"  # a local path to return to when no client is waiting


def continue_flow(interaction):
    if interaction is None:
        return redirect(session.pop(AFTER_SIGNIN, None) or url_for("home.index"))
    return redirect(url_for("oidc.resume", interaction=interaction.id))


def here(endpoint: str, interaction):
    """URL of another sign-in page, carrying the interaction along."""
    if interaction is None:
        return url_for(endpoint)
    return url_for(endpoint, interaction=interaction.id)
