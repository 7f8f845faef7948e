"""Every kind of audit event, and the words a person reads for it.

A type is `area.what_happened`; the console filters by it and the citizen's
account page shows those in ABOUT_THE_CITIZEN.
"""

from idp.web.i18n import N_

SIGNIN_SUCCEEDED = "signin.succeeded"
SIGNIN_FAILED = "signin.failed"
OTP_CODE_SENT = "otp.code_sent"
OTP_CODE_FAILED = "otp.code_failed"  # a code for a purpose other than signing in
OTP_CHALLENGE_EXHAUSTED = "otp.challenge_exhausted"
LIMIT_HIT = "limit.hit"
CODE_REUSE_DETECTED = "code.reuse_detected"
REFRESH_REUSE_DETECTED = "refresh.reuse_detected"
CLIENT_REGISTERED = "client.registered"
CLIENT_UPDATED = "client.updated"
CLIENT_SECRET_ROTATED = "client.secret_rotated"
CLIENT_KEYS_REPLACED = "client.keys_replaced"  # its public keys or encryption, in the console
CLIENT_DISABLED = "client.disabled"
CLIENT_ENABLED = "client.enabled"
CLIENT_DELETED = "client.deleted"  # by its agency (RFC 7592 §2.3)
AGENCY_TOKEN_ISSUED = "agency_token.issued"  # an initial access token (RFC 7591 §3)
AGENCY_TOKEN_REVOKED = "agency_token.revoked"
KEY_CREATED = "key.created"
KEY_ROTATED = "key.rotated"
PHONE_CHANGED = "phone.changed"
PROFILE_CHANGED = "profile.changed"  # details: which fields, never their values
AUTHENTICATOR_ENABLED = "authenticator.enabled"
AUTHENTICATOR_DISABLED = "authenticator.disabled"
ACCOUNT_EXPORTED = "account.exported"
ACCOUNT_CLOSED = "account.closed"
STAFF_SIGNED_IN = "staff.signed_in"
STAFF_SIGNIN_FAILED = "staff.signin_failed"
AUDIT_PRUNED = "audit.pruned"
AUDIT_CHECKPOINT = "audit.checkpoint"
CONSENT_GRANTED = "consent.granted"
CONSENT_WIDENED = "consent.widened"
CONSENT_NARROWED = "consent.narrowed"
CONSENT_CHANGED = "consent.changed"
CONSENT_RENEWED = "consent.renewed"
CONSENT_WITHDRAWN = "consent.withdrawn"
CONSENT_EXPIRED = "consent.expired"
DISCLOSED = "disclosure.recorded"  # one release (from the disclosure table; before migration 0024, an event each)
DISCLOSURES_SEALED = "disclosure.sealed"  # a batch of disclosure rows sealed into the chain
AUDITOR_VIEWED = "auditor.viewed"
AUDITOR_EXPORTED = "auditor.exported"
AUDITOR_REVEALED = "auditor.revealed"

LABELS = {
    SIGNIN_SUCCEEDED: N_("Signed in"),
    SIGNIN_FAILED: N_("Sign-in failed"),
    OTP_CODE_SENT: N_("Code sent by SMS"),
    OTP_CODE_FAILED: N_("Wrong SMS code"),
    OTP_CHALLENGE_EXHAUSTED: N_("SMS code locked after too many wrong tries"),
    LIMIT_HIT: N_("Limit reached"),
    CODE_REUSE_DETECTED: N_("Authorization code used twice"),
    REFRESH_REUSE_DETECTED: N_("Refresh token used twice"),
    CLIENT_REGISTERED: N_("Service registered"),
    CLIENT_UPDATED: N_("Service changed"),
    CLIENT_SECRET_ROTATED: N_("Service secret replaced"),
    CLIENT_KEYS_REPLACED: N_("Service keys replaced"),
    CLIENT_DISABLED: N_("Service disabled"),
    CLIENT_ENABLED: N_("Service enabled again"),
    CLIENT_DELETED: N_("Service deleted by its agency"),
    AGENCY_TOKEN_ISSUED: N_("Registration token issued to an agency"),
    AGENCY_TOKEN_REVOKED: N_("Agency registration token revoked"),
    KEY_CREATED: N_("Signing key created"),
    KEY_ROTATED: N_("Signing key rotated"),
    PHONE_CHANGED: N_("Phone number changed"),
    PROFILE_CHANGED: N_("Personal details changed"),
    AUTHENTICATOR_ENABLED: N_("Authenticator app turned on"),
    AUTHENTICATOR_DISABLED: N_("Authenticator app turned off"),
    ACCOUNT_EXPORTED: N_("Data downloaded"),
    ACCOUNT_CLOSED: N_("Account closed and personal data erased"),
    STAFF_SIGNED_IN: N_("Staff signed in"),
    STAFF_SIGNIN_FAILED: N_("Staff sign-in failed"),
    AUDIT_PRUNED: N_("Old events archived and pruned"),
    AUDIT_CHECKPOINT: N_("Audit checkpoint signed"),
    CONSENT_GRANTED: N_("Consent given"),
    CONSENT_WIDENED: N_("Consent widened"),
    CONSENT_NARROWED: N_("Consent narrowed"),
    CONSENT_CHANGED: N_("Consent changed"),
    CONSENT_RENEWED: N_("Consent renewed"),
    CONSENT_WITHDRAWN: N_("Consent withdrawn"),
    CONSENT_EXPIRED: N_("Consent expired"),
    DISCLOSED: N_("Information released to a service"),
    DISCLOSURES_SEALED: N_("Releases of information sealed into the log"),
    AUDITOR_VIEWED: N_("Auditor viewed the log"),
    AUDITOR_EXPORTED: N_("Auditor exported events"),
    AUDITOR_REVEALED: N_("Auditor revealed who a pseudonym is"),
}

CONSENT_EVENTS = (
    CONSENT_GRANTED,
    CONSENT_WIDENED,
    CONSENT_NARROWED,
    CONSENT_CHANGED,
    CONSENT_RENEWED,
    CONSENT_WITHDRAWN,
    CONSENT_EXPIRED,
)
# After these the consent stands; after the others it does not.
CONSENT_STANDING = (CONSENT_GRANTED, CONSENT_WIDENED, CONSENT_NARROWED, CONSENT_CHANGED, CONSENT_RENEWED)

# What a citizen sees about themselves on /account/activity.
ABOUT_THE_CITIZEN = (
    *CONSENT_EVENTS,
    DISCLOSED,
    SIGNIN_SUCCEEDED,
    SIGNIN_FAILED,
    PHONE_CHANGED,
    PROFILE_CHANGED,
    AUTHENTICATOR_ENABLED,
    AUTHENTICATOR_DISABLED,
    ACCOUNT_EXPORTED,
    CODE_REUSE_DETECTED,
    REFRESH_REUSE_DETECTED,
)


def label(event_type: str) -> str:
    """The untranslated label (translate where shown); the type itself when it has none."""
    return LABELS.get(event_type, event_type)
