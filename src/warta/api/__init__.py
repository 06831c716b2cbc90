"""The read-only web layer: ``create_app(db_path)`` in ``app.py`` (JSON API under /api and the pages)."""
