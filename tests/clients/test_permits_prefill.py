"""Perizinan's one-line address field from the OIDC address claim (OIDC Core 5.1.1)."""

from clients.permits.prefill import formatted_address

JAKI_ADDRESS = {  # as JAKI ID formats a Jakarta address (idp/citizen_data/address.py)
    "formatted": "Jl. Kebon Sirih No. 5\nRT 003/RW 007\nKel. Gondangdia\nKec. Menteng\n"
    "Jakarta Pusat\nDKI Jakarta 10350\nIndonesia",
}


def test_the_lines_of_the_formatted_address_become_commas_on_the_one_line_field():
    assert formatted_address(JAKI_ADDRESS) == (
        "Jl. Kebon Sirih No. 5, RT 003/RW 007, Kel. Gondangdia, Kec. Menteng, "
        "Jakarta Pusat, DKI Jakarta 10350, Indonesia"
    )


def test_crlf_line_breaks_are_lines_too():
    assert formatted_address({"formatted": "Jl. Salemba 5\r\nJakarta Pusat"}) == "Jl. Salemba 5, Jakarta Pusat"


def test_an_address_without_formatted_fills_nothing():
    assert formatted_address({"locality": "Jakarta Pusat"}) is None
    assert formatted_address("Jl. Salemba 5") is None
