"""Message catalogs, one module per language (English is the source text)."""
