"""Finding the citizen among the tax office's taxpayers.

By NIK once JAKI ID sends the `nik` claim. Until then by name and date of
birth, as the tax office's counter does; that is weaker, so a match on more
than one taxpayer finds no one.
"""

from sqlalchemy import select

from clients.common.claims import parse_birthdate

from .models import Taxpayer, db, name_key


def find_taxpayer(sign_in):
    nik = sign_in.claim("nik")
    if nik:
        return db.session.scalar(select(Taxpayer).where(Taxpayer.nik == nik))
    name, birthdate = sign_in.claim("name"), parse_birthdate(sign_in.claim("birthdate"))
    if not name or birthdate is None:
        return None
    matches = db.session.scalars(
        select(Taxpayer).where(Taxpayer.name_key == name_key(name), Taxpayer.birthdate == birthdate)
    ).all()
    return matches[0] if len(matches) == 1 else None
