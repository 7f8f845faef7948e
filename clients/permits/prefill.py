"""The applicant's details the application form takes from JAKI ID claims.

A detail that came from JAKI ID is verified there, so the form shows it read-only
and the server keeps the claim, whatever the browser posts back.
"""

APPLICANT_FIELDS = ("applicant_name", "applicant_phone", "applicant_birthdate", "applicant_address")


def formatted_address(address_claim):
    """The address on one line, for the form's one-line field.

    OpenID Connect Core §5.1.1: the `address` claim is a JSON object whose `formatted`
    lines are separated by newlines, which a one-line input would silently drop
    ("No. 5RT 003/RW 007"): they become commas."""
    if not isinstance(address_claim, dict):
        return None
    formatted = address_claim.get("formatted")
    if not isinstance(formatted, str):
        return None
    lines = [line.strip() for line in formatted.replace("\r\n", "\n").split("\n")]
    return ", ".join(line for line in lines if line) or None


def applicant_details_from_claims(sign_in):
    details = {
        "applicant_name": sign_in.claim("name"),
        "applicant_phone": sign_in.claim("phone_number"),
        "applicant_birthdate": sign_in.claim("birthdate"),
        "applicant_address": formatted_address(sign_in.claim("address")),
    }
    return {field: value for field, value in details.items() if value}


def applicant_details(sign_in, form):
    """Claims where the citizen consented to them; what they typed otherwise."""
    typed = {field: form.get(field, "").strip() for field in APPLICANT_FIELDS}
    return typed | applicant_details_from_claims(sign_in)
