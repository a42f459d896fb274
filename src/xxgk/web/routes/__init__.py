"""Route modules, one per area; each exposes ``routes`` and may expose ``nav``
(see :data:`xxgk.web.app.ROUTE_MODULES`)."""
