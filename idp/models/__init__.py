"""Typed SQLAlchemy models, one module per aggregate."""

from .citizen import Citizen, RecoveryCode
from .client import Client
from .consent import Consent
from .grant import AuthorizationCode, Token
from .keys import SigningKey
from .otp import OtpChallenge, SmsOutboxMessage
from .session import BrowserSession, Interaction
from .staff import StaffMember, StaffSession

__all__ = [
    "AuthorizationCode",
    "BrowserSession",
    "Citizen",
    "Client",
    "Consent",
    "Interaction",
    "OtpChallenge",
    "RecoveryCode",
    "SigningKey",
    "SmsOutboxMessage",
    "StaffMember",
    "StaffSession",
    "Token",
]
