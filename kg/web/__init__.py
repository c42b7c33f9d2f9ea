"""``kg serve``: the local web app for staff (search, documents with their evidence, traces,
maps, statistics) and a SPARQL 1.1 Protocol endpoint for other tools.

Build the app with :func:`kg.web.app.create_app`; this package module imports nothing so the
SPARQL worker processes it spawns start light.
"""
