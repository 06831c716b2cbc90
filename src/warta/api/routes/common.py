"""What every API route shares: the cursor dependency and the documented error responses."""

from __future__ import annotations

from typing import Annotated, Any

import duckdb
from fastapi import Depends

from warta.api.schemas import Problem
from warta.api.store import get_cursor

CursorDep = Annotated[duckdb.DuckDBPyConnection, Depends(get_cursor)]

NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": Problem, "description": "No such record."}}
