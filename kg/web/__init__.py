"""``kg serve``: the local web app for staff (search, documents with their evidence, traces,
maps, statistics) and a SPARQL 1.1 Protocol endpoint for other tools.

Build the app with :func:`kg.web.app.create_app`. Like the CLI, the app only renders what
:mod:`kg.api` answers; the endpoint's queries run in :mod:`kg.store.runner`'s worker processes.
"""
