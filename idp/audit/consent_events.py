"""Each change of a consent as an audit event, written by the consent log's one place of
change (idp/services/consent_log.py `append`), in the same transaction."""

from idp.audit import log
from idp.audit.chain import canonical_time
from idp.models import Consent, ConsentEvent

# ConsentActor → who acted in the audit log (an operator is whoever `log.acting` finds:
# the staff member on a staff page, or the command line).
_SYSTEM_ACTORS = {"system"}
_CITIZEN_ACTORS = {"citizen", "account_closure"}


def record(consent: Consent, change: ConsentEvent) -> None:
    if change.actor in _SYSTEM_ACTORS:
        actor = log.SYSTEM
    elif change.actor in _CITIZEN_ACTORS:
        actor = log.citizen(consent.citizen_id)
    else:
        actor = log.acting()
    details = {
        "scope": change.scope,
        "declined": change.declined,
        "by": str(change.actor),
        "purpose_version": change.purpose_version,
        "language": change.language,
        "occurred_at": canonical_time(change.occurred_at),
        "expires_at": canonical_time(change.expires_at) if change.expires_at else None,
    }
    log.append(
        f"consent.{change.kind}",
        actor=actor,
        citizen_id=consent.citizen_id,
        client_id=consent.client_id,
        details={name: value for name, value in details.items() if value not in (None, "")},
    )
