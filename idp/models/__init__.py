"""Typed SQLAlchemy models, one module per aggregate."""

from idp.models.audit import AuditChainHead, AuditCheckpoint, AuditEvent, AuditPseudonym
from idp.models.citizen import Citizen, RecoveryCode
from idp.models.client import Client
from idp.models.consent import Consent, ConsentActor, ConsentEvent, ConsentKind, ConsentReceipt
from idp.models.disclosure import Disclosure
from idp.models.grant import AuthorizationCode, Token
from idp.models.keys import SigningKey
from idp.models.logout import LogoutDelivery
from idp.models.otp import OtpChallenge, SmsOutboxMessage
from idp.models.pushed_request import PushedAuthorizationRequest
from idp.models.registration import InitialAccessToken
from idp.models.session import BrowserSession, Interaction
from idp.models.staff import StaffMember, StaffSession

__all__ = [
    "AuditChainHead",
    "AuditCheckpoint",
    "AuditEvent",
    "AuditPseudonym",
    "AuthorizationCode",
    "BrowserSession",
    "Citizen",
    "Client",
    "Consent",
    "ConsentActor",
    "ConsentEvent",
    "ConsentKind",
    "ConsentReceipt",
    "Disclosure",
    "InitialAccessToken",
    "Interaction",
    "LogoutDelivery",
    "OtpChallenge",
    "PushedAuthorizationRequest",
    "RecoveryCode",
    "SigningKey",
    "SmsOutboxMessage",
    "StaffMember",
    "StaffSession",
    "Token",
]
