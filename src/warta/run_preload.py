"""Loads the language data when imported, so a process that imports it first serves warm.

- The process pool's fork server imports it (``warta.run``): every worker forked from it starts
  with the data in memory instead of loading its own. There it also ties the fork server's life to
  the process that started it (Linux), so a parent killed outright leaves no fork server behind.
- ``dask worker … --preload warta.run_preload`` does the same for a Dask worker at start-up.
"""

import os
import sys

from warta.run import parent_death_signal, warm

if sys.argv[:1] == ["-c"] and "multiprocessing.forkserver" in sys.modules:  # we are the fork server
    parent_death_signal(os.getppid())

try:
    warm()
except Exception:  # noqa: BLE001 - never break the server; workers warm up (and fail loudly) themselves
    pass
