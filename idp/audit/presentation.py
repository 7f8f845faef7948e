"""Events as people read them: time in Jakarta, a label, who acted, which service."""

import json
from dataclasses import dataclass

from sqlalchemy import select

from idp.audit.queries import JAKARTA
from idp.audit.types import label
from idp.extensions import db
from idp.models import AuditEvent, StaffMember
from idp.services import clients
from idp.web.i18n import gettext as _


@dataclass
class ShownEvent:
    seq: int
    when: str  # Jakarta time
    type: str
    label: str
    actor: str
    client: str | None
    client_id: str | None
    citizen: str | None
    details: str


def _staff_usernames(ids: set[str]) -> dict[str, str]:
    numbers = [int(value) for value in ids if value.isdigit()]
    rows = db.session.execute(select(StaffMember.id, StaffMember.username).where(StaffMember.id.in_(numbers)))
    return {str(staff_id): username for staff_id, username in rows}


def shown(events: list[AuditEvent]) -> list[ShownEvent]:
    names = clients.names()
    staff = _staff_usernames({e.actor_id for e in events if e.actor_kind == "staff" and e.actor_id})
    return [
        ShownEvent(
            seq=event.seq,
            when=when(event),
            type=event.type,
            label=_(label(event.type)),
            actor=_actor(event, staff, names),
            client=names.get(event.client_id, event.client_id) if event.client_id else None,
            client_id=event.client_id,
            citizen=event.citizen,
            details=json.dumps(event.details, ensure_ascii=False, sort_keys=True) if event.details else "",
        )
        for event in events
    ]


def when(event: AuditEvent) -> str:
    return event.time.astimezone(JAKARTA).strftime("%Y-%m-%d %H:%M:%S WIB")


def _actor(event: AuditEvent, staff: dict[str, str], names: dict[str, str]) -> str:
    if event.actor_kind == "staff" and event.actor_id:
        return _("staff {username}", username=staff.get(event.actor_id, "#" + event.actor_id))
    if event.actor_kind == "client" and event.actor_id:
        return _("service {name}", name=names.get(event.actor_id, event.actor_id))
    if event.actor_kind == "citizen":
        return _("citizen {pseudonym}", pseudonym=event.actor_id)
    if event.actor_kind == "system":
        return _("an operator at the command line") if event.actor_id == "cli" else _("the system")
    return _("someone not signed in")
