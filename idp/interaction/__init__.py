"""The authorization transaction: its server-side state and the one function that decides the next step."""
