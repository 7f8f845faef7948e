"""The Jakarta address and the OIDC address claim made of it (OIDC Core 5.1.1)."""

from idp.citizen_data.address import claim, clean

TYPED = {
    "street": "  Jl. Kebon Sirih   No. 5 ",
    "rt": "3",
    "rw": "07",
    "kelurahan": "Gondangdia",
    "kecamatan": "Menteng",
    "city": "Jakarta Pusat",
    "province": "DKI Jakarta",
    "postal_code": "10350",
}


def test_a_typed_address_is_tidied_and_rt_rw_get_three_digits():
    values, problems = clean(TYPED)
    assert problems == []
    assert (values["street"], values["rt"], values["rw"]) == ("Jl. Kebon Sirih No. 5", "003", "007")


def test_every_field_is_needed():
    _, problems = clean(TYPED | {"kelurahan": " ", "postal_code": ""})
    assert {p.field for p in problems} == {"kelurahan", "postal_code"}


def test_rt_rw_and_postal_code_are_numbers():
    _, problems = clean(TYPED | {"rt": "tiga", "rw": "1234", "postal_code": "1035"})
    assert {p.field for p in problems} == {"rt", "rw", "postal_code"}


def test_the_claim_has_the_standard_members_and_the_jakarta_ones():
    values, _ = clean(TYPED)
    address = claim(values)
    assert address["street_address"] == "Jl. Kebon Sirih No. 5\nRT 003/RW 007\nKel. Gondangdia\nKec. Menteng"
    assert (address["locality"], address["region"], address["postal_code"], address["country"]) == (
        "Jakarta Pusat",
        "DKI Jakarta",
        "10350",
        "Indonesia",
    )
    assert address["formatted"].endswith("Jakarta Pusat\nDKI Jakarta 10350\nIndonesia")
    assert (address["rt"], address["rw"], address["kelurahan"], address["kecamatan"]) == (
        "003",
        "007",
        "Gondangdia",
        "Menteng",
    )


def test_no_address_no_claim():
    assert claim(None) is None
