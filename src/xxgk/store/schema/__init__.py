"""The tables, by concept: each module holds the migration steps of one part of xxgk.

:mod:`xxgk.store.migrations` puts them in the one ordered sequence."""
