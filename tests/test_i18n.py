"""Every message a person can see exists in Indonesian, the default language."""

import re
from pathlib import Path

from idp.translations.id import MESSAGES

IDP = Path(__file__).resolve().parent.parent / "idp"
IN_TEMPLATES = re.compile(r'_\("([^"]+)"')
IN_CODE = re.compile(r'(?:PageError|OtpError|InvalidPhone|ValueError|\b_)\(\s*"([^"]+)"(?:,\s*"([^"]+)")?')


def visible_messages():
    for path in (IDP / "templates").rglob("*.html"):
        yield from IN_TEMPLATES.findall(path.read_text())
    for path in IDP.rglob("*.py"):
        for match in IN_CODE.findall(path.read_text()):
            yield from (m for m in match if m)


def test_every_visible_message_has_an_indonesian_translation():
    missing = sorted({m for m in visible_messages() if m not in MESSAGES})
    assert missing == []
