"""A citizen (warga): one verified phone, a short profile."""

import uuid
from datetime import date, datetime

from sqlalchemy import JSON, BigInteger, Boolean, Date, ForeignKey, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from idp.clock import now
from idp.extensions import Model
from idp.models.types import UTCDateTime
from idp.security import decrypt_at_rest, encrypt_at_rest


class Citizen(Model):
    __tablename__ = "citizen"

    # Internal identifier: never leaves the provider (clients get a pairwise sub).
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=lambda: uuid.uuid4().hex)
    # E.164. NULL only once the account is closed; nothing signs in to a closed account,
    # so every code that reads it finds a number (hence typed str).
    phone_number: Mapped[str] = mapped_column(String(20), unique=True, nullable=True)
    phone_number_verified: Mapped[bool] = mapped_column(Boolean, default=False)
    name: Mapped[str | None] = mapped_column(String(200))
    birthdate: Mapped[date | None] = mapped_column(Date)
    locale: Mapped[str] = mapped_column(String(10), default="id")
    gender: Mapped[str | None] = mapped_column(String(10))  # idp/citizen_data GENDERS
    # The NIK is specific personal data (UU PDP 27/2022 art. 4(2)): encrypted at rest
    # with the key-encryption key (idp/citizen_data/nik.py says what a valid one is).
    nik_encrypted: Mapped[bytes | None] = mapped_column(LargeBinary)
    address: Mapped[dict | None] = mapped_column(JSON)  # idp/citizen_data/address.py FIELDS
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)
    # The `updated_at` claim (OIDC Core 5.1): when information a service may receive last
    # changed. Set where that happens (services/citizens.py, signin/profile_form.py), never
    # on any write: an authenticator set up or used is no change a service may watch for.
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)
    # Optional second factor: a TOTP secret (Fernet, key-encryption key).
    totp_secret_encrypted: Mapped[bytes | None] = mapped_column(LargeBinary)
    totp_enabled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The newest TOTP time step accepted: that step and earlier ones are replays.
    totp_last_used_step: Mapped[int | None] = mapped_column(BigInteger)
    # Closed by the citizen (UU PDP 27/2022 art. 8): personal data erased, the row kept as
    # a random id that the records which must stay (consents, disclosures) refer to.
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    @property
    def has_profile(self) -> bool:
        return bool(self.name and self.birthdate)

    @property
    def nik(self) -> str | None:
        return decrypt_at_rest(self.nik_encrypted).decode() if self.nik_encrypted else None

    @nik.setter
    def nik(self, value: str | None) -> None:
        self.nik_encrypted = encrypt_at_rest(value.encode()) if value else None

    @property
    def has_totp(self) -> bool:
        return self.totp_enabled_at is not None


class RecoveryCode(Model):
    """A single-use code for when the authenticator is lost (Argon2id hash)."""

    __tablename__ = "recovery_code"

    id: Mapped[int] = mapped_column(primary_key=True)
    citizen_id: Mapped[str] = mapped_column(ForeignKey("citizen.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(String(255))
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
