"""The demo launcher: runs JAKI ID and the example services in clients/ together (`python -m demo.stack`)."""
