"""Phone numbers: parsed to E.164, mobiles only, masked when shown back."""

import pytest

from idp.phone_otp.phone import InvalidPhone, mask, normalize


@pytest.mark.parametrize("raw", ["081234567890", "+62 812-3456-7890", "6281234567890", " 0812 3456 7890 "])
def test_indonesian_forms_become_e164(raw):
    assert normalize(raw) == "+6281234567890"


def test_landline_is_refused_with_a_clear_message():
    with pytest.raises(InvalidPhone, match="landlines"):
        normalize("021 5551234")


@pytest.mark.parametrize("raw", ["", "12", "08123", "+62 999 999 999 999", "abc"])
def test_invalid_numbers_are_refused(raw):
    with pytest.raises(InvalidPhone):
        normalize(raw)


def test_mask_shows_enough_to_spot_a_typo():
    assert mask("+6281234567890") == "+62 812-****-7890"
