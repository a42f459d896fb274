"""``xxgk parse``, ``xxgk check``, ``xxgk schema`` (to be filled in)."""

commands: list = []
