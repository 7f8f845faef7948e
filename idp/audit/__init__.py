"""The tamper-evident audit log: append (log), the chain rules (chain), what details
may hold (details), pseudonyms, verify, signed checkpoints, export and prune, the CLI."""
