"""The web app (``xxgk serve``): Starlette + Jinja2, server-rendered, every asset local.

Needs the ``web`` extra. :func:`xxgk.web.app.create_app` builds the ASGI app; route modules
live in :mod:`xxgk.web.routes` (one per area), their helpers in :mod:`xxgk.web.pages`."""
