"""CLI commands of the core (parse, check, schema); features own theirs."""
