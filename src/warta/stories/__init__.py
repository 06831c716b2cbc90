"""Stories and the "Top N Dunia" digest (issue 6).

- ``cluster``   — articles about the same happening, across outlets and adjacent days
- ``world``     — is it world news ("Dunia"), with reasons
- ``summarise`` — extractive, lead-aware summaries (one strong quote kept in the digest)
- ``headline``  — best title of a story in Indonesian title case
- ``gist``      — the intro's clause per story: the headline, or the story's own sentence cut to its
  main clause
- ``rank``      — coverage, event weight, prominence, novelty
- ``digest``    — glue: ``make_digest(items, day, top)`` → ``Digest``
- ``render``    — text, Markdown, HTML, JSON in the seed's shape
- ``store``     — over the DuckDB store: ``build_days`` / ``digest_for_day`` build and save,
  ``load_digest`` reads a built digest back (read-only)
"""
