"""CLI commands of xxgk.render (listed in ``commands``)."""

commands: list = []
