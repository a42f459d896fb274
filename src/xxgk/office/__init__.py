"""The supervising office (政务公开办): the units it oversees, their reports collected from
files or fetched from the web, who filed and when, roll-ups, comparisons, copied reports,
and the workbook for the leadership. Plain functions taking the store as a keyword:

* :mod:`xxgk.office.units` — ``import_units``, ``list_units``, ``edit_unit``
* :mod:`xxgk.office.collect` — ``collect``;  :mod:`xxgk.office.fetch` — ``fetch``
* :mod:`xxgk.office.status` — ``status``, ``exempt``, ``set_deadline``
* :mod:`xxgk.office.rollup` — ``rollup``;  :mod:`xxgk.office.compare` — ``compare``
* :mod:`xxgk.office.similar` — ``similar``;  :mod:`xxgk.office.export` — ``export``
"""
