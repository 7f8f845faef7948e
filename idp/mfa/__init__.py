"""The second factor: TOTP authenticators, recovery codes and the assurance levels they reach."""
