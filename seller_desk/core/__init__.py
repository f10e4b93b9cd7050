"""The domain core: money, codes, identity checks and the regulations as functions.

Nothing here imports Qt, SQLAlchemy or httpx (tests/core/test_layers.py checks it), so the
rules read like the documents they encode and run the same in the app, the CLI and the
reference platform server.
"""
