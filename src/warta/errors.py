"""Errors a user can act on. The CLI prints their message, never a traceback."""


class WartaError(Exception):
    """Base class: the message is for the user."""


class InputError(WartaError):
    """An input path or option is unusable."""


class StoreError(WartaError):
    """The database cannot be opened, is locked by another writer, or is of a newer schema."""
