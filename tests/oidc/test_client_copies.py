"""Each worker's copy of the clients (idp/services/client_copies.py): the protocol paths
read no client row once warm, a change this worker commits is seen at once, and one made
elsewhere within CLIENTS_CACHE_SECONDS."""

from sqlalchemy import select, update

from idp.extensions import db
from idp.models import Client
from idp.security import client_secret_digest
from idp.services import client_copies, clients
from tests.oidc.flows import assert_oauth_error, refresh, tokens_for, userinfo
from tests.statements import statements_counted


def change_elsewhere(client_id, **values):
    """What the CLI or another worker does: a write this worker's session never sees."""
    with db.engine.begin() as connection:
        connection.execute(update(Client).where(Client.client_id == client_id).values(**values))


def test_token_and_userinfo_read_no_client_row_once_warm(http, client):
    tokens = tokens_for(http, client)
    with statements_counted() as seen:
        refreshed = refresh(http, client, tokens["refresh_token"])
        answered = userinfo(http, refreshed.get_json()["access_token"])
    assert refreshed.status_code == 200 and answered.status_code == 200
    assert not [statement for statement in seen if "FROM client" in statement]


def test_a_client_disabled_by_this_worker_is_refused_at_once(http, client):
    tokens = tokens_for(http, client)
    clients.disable(clients.find(client.client_id))
    assert_oauth_error(refresh(http, client, tokens["refresh_token"]), "invalid_client", 401)


def test_a_secret_replaced_elsewhere_is_refused_within_the_cache_period(http, app, client, clock):
    tokens = tokens_for(http, client)
    change_elsewhere(client.client_id, secret_digest=client_secret_digest("a new secret"))
    clock.advance(app.config["CLIENTS_CACHE_SECONDS"])
    assert_oauth_error(refresh(http, client, tokens["refresh_token"]), "invalid_client", 401)


def test_a_change_made_elsewhere_is_not_seen_before_the_copy_is_due(http, client):
    # The documented delay (docs/operations.md): this worker's copy is still fresh.
    tokens = tokens_for(http, client)
    change_elsewhere(client.client_id, secret_digest=client_secret_digest("a new secret"))
    assert refresh(http, client, tokens["refresh_token"]).status_code == 200


def test_a_clock_moved_back_reads_the_client_again(http, client, clock):
    tokens = tokens_for(http, client)
    change_elsewhere(client.client_id, disabled=True)
    clock.advance(-1)
    assert_oauth_error(refresh(http, client, tokens["refresh_token"]), "invalid_client", 401)


def test_no_copy_is_kept_with_a_cache_period_of_zero(http, app, client, monkeypatch):
    monkeypatch.setitem(app.config, "CLIENTS_CACHE_SECONDS", 0)
    tokens = tokens_for(http, client)
    change_elsewhere(client.client_id, disabled=True)
    assert_oauth_error(refresh(http, client, tokens["refresh_token"]), "invalid_client", 401)


def test_an_unknown_client_id_is_not_kept(app):
    client_copies.forget()
    assert clients.find_live("no-such-client") is None
    assert "no-such-client" not in client_copies._copies().by_client_id


def test_a_copy_changed_in_place_leaves_the_next_one_as_it_was(client):
    registered = list(client.redirect_uris)
    db.session.expunge_all()  # as in a request of its own
    clients.recent(client.client_id)  # now kept
    handed_out = clients.recent(client.client_id)
    handed_out.redirect_uris.append("https://attacker.example/cb")
    db.session.expunge_all()  # never written: only what is kept is in question
    assert clients.recent(client.client_id).redirect_uris == registered


def test_changing_a_copy_writes_the_row_and_drops_the_copies(client):
    clients.recent(client.client_id)
    handed_out = clients.recent(client.client_id)
    handed_out.name = "Perizinan Berusaha"
    db.session.commit()
    assert db.session.scalar(select(Client.name).where(Client.client_id == client.client_id)) == "Perizinan Berusaha"
    assert clients.recent(client.client_id).name == "Perizinan Berusaha"
