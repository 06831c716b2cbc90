"""Imported once by the process pool's fork server (see ``warta.run``): loads the language data
there, so every worker forked from it starts with the data in memory instead of loading its own."""

from warta.run import warm

try:
    warm()
except Exception:  # noqa: BLE001 - never break the fork server; workers warm up (and fail loudly) themselves
    pass
