"""What a citizen may add to the profile beyond name and birthdate, and its rules:
the NIK (nik.py), the Jakarta address and its OIDC claim (address.py), gender."""

# OIDC Core 5.1 `gender`: the two a KTP records.
GENDERS = ("female", "male")
