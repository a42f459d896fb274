"""CLI commands of xxgk.ledger (listed in ``commands``)."""

commands: list = []
