"""Message catalogs for Flask-Babel: <locale>/LC_MESSAGES/messages.po (source)
and messages.mo (compiled with `pybabel compile -d idp/translations`).
English is the source text, so only Indonesian has a catalog."""
