"""Proving a phone number: parsing, one-time codes, their abuse limits, and the SMS that carries them."""
