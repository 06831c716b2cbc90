"""The JSON API under `/api`: one module per kind of record."""

from fastapi import APIRouter

from warta.api.routes import articles, events, quotes, relations, stats, stories

router = APIRouter(prefix="/api")
for module in (articles, events, quotes, stories, relations, stats):
    router.include_router(module.router)
