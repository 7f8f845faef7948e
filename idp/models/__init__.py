"""Typed SQLAlchemy models, one module per aggregate."""

from .citizen import Citizen
from .client import Client
from .consent import Consent
from .grant import AuthorizationCode, Token
from .keys import SigningKey
from .otp import OtpChallenge, SmsOutboxMessage
from .session import BrowserSession, Interaction

__all__ = [
    "AuthorizationCode",
    "BrowserSession",
    "Citizen",
    "Client",
    "Consent",
    "Interaction",
    "OtpChallenge",
    "SigningKey",
    "SmsOutboxMessage",
    "Token",
]
