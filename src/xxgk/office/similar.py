"""``xxgk office similar`` — 内容雷同: each unit's section texts against its own previous
year and against every other unit of the same year, by character shingles with MinHash/LSH
(datasketch), so it scales to thousands of reports; pairs above a threshold with the score
(Jaccard of the shingle sets) and the longest shared passages. Tables repeated number for
number year over year are flagged too.

Boilerplate does not count: a sentence printed by :data:`BOILERPLATE_UNITS` or more units (or
by 5 % of them, if more) — the Regulation's sentences, headings, the form's phrasing — is
removed before shingling, and so are the form's section headings.
"""

from __future__ import annotations

import difflib
import re
import zlib
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any

from xxgk import form
from xxgk.errors import missing_extra
from xxgk.office.status import USABLE, chosen_reports
from xxgk.store import Store
from xxgk.store import office as q

SHINGLE = 5
NUM_PERM = 126
BAND_ROWS = 3  # 42 bands of 3 rows: Jaccard 0.5 → candidate with p ≈ 0.996; 0.05 → p ≈ 0.005
COMMON_UNITS = 8  # a shingle printed by this many units (or 10 %) is stock phrasing
MIN_DISTINCT = 20  # a section with fewer shingles of its own has nothing to copy
MAX_BUCKET = 100
BOILERPLATE_UNITS = 4
MIN_CHARS = 40
MIN_PASSAGE = 12
_SENTENCE = re.compile(r"[^。！？；!?;\n]+[。！？；!?;]?")
_STRIP = re.compile(r"[\s\u3000，,、：:“”\"'‘’（）()《》【】\[\]。！？；!?;.]")
_HEADINGS = {_STRIP.sub("", s.heading) for s in form.SECTIONS} | {
    _STRIP.sub("", s.title) for s in form.SECTIONS
}
TABLES = ("active", "requests", "appeals")
# A wrong-year report is another year's report (status says so); it is not compared.
_COMPARED = USABLE | {"conflict"}
Doc = tuple[str, int, str]  # unit, year, section


def similar(
    *,
    store: Store,
    year: int | None = None,
    years: Sequence[int] | None = None,
    threshold: float = 0.5,
    units: Sequence[str] | None = None,
    children_of: str | None = None,
) -> list[dict[str, Any]]:
    """Similar pairs for ``year`` (or each of ``years``): same unit against the year before,
    different units within the year; sorted by score, highest first."""
    targets = sorted(set(years or ([year] if year is not None else [])))
    corpus_years = sorted(set(targets) | {targets[0] - 1}) if targets else []
    _, judged = chosen_reports(
        store=store, years=corpus_years, units=units, children_of=children_of
    )
    stored = {k: r for k, (state, r) in judged.items() if r is not None and state in _COMPARED}
    ids = {k: r.id for k, r in stored.items()}
    texts = q.sections_of(store=store, report_ids=list(ids.values()))
    docs = _documents({k: texts[rid] for k, rid in ids.items()})
    pairs = _text_pairs(docs, set(targets), threshold)
    pairs += _table_pairs(stored, targets)
    return sorted(pairs, key=lambda p: (-p["score"], p["a"]["unit"], p["b"]["unit"]))


def sentences(text: str) -> list[str]:
    """The sentences of a text, normalised (no spaces or punctuation), headings dropped."""
    out = []
    for m in _SENTENCE.finditer(text):
        s = _STRIP.sub("", m.group(0))
        if len(s) >= 4 and s not in _HEADINGS:
            out.append(s)
    return out


def _documents(texts: dict[tuple[str, int], dict[str, str]]) -> dict[Doc, str]:
    """Each (unit, year, section) → its text without boilerplate sentences."""
    split = {
        (unit, year, key): sentences(text)
        for (unit, year), sections in texts.items()
        for key, text in sections.items()
    }
    printers: dict[str, set[str]] = defaultdict(set)
    for (unit, _, _), sents in split.items():
        for s in sents:
            printers[s].add(unit)
    n_units = len({unit for unit, _ in texts})
    limit = max(BOILERPLATE_UNITS, n_units // 20)
    docs = {}
    for doc, sents in split.items():
        text = "".join(s for s in sents if len(printers[s]) < limit)
        if len(text) >= MIN_CHARS:
            docs[doc] = text
    return docs


def _shingles(text: str) -> set[str]:
    return {text[i : i + SHINGLE] for i in range(len(text) - SHINGLE + 1)}


def _common(sets: dict[Doc, set[str]]) -> set[str]:
    """Shingles that many units print (stock phrasing, not copying): left out of every set."""
    by_unit: dict[str, set[str]] = defaultdict(set)
    for (unit, _, _), shingles in sets.items():
        by_unit[unit] |= shingles
    counts = Counter(sh for shingles in by_unit.values() for sh in shingles)
    limit = max(COMMON_UNITS, len(by_unit) // 10)
    return {sh for sh, n in counts.items() if n >= limit}


def _text_pairs(docs: dict[Doc, str], targets: set[int], threshold: float) -> list[dict[str, Any]]:
    """Candidates: the same unit's section a year before (one comparison each), and the same
    section of other units of the year whose signatures share an LSH band — signatures made
    without the stock phrasing many units print, so that buckets stay small; each candidate
    scored exactly (Jaccard of the shingle sets)."""
    sets = {doc: _shingles(text) for doc, text in docs.items()}
    candidates: set[tuple[Doc, Doc]] = set()
    for unit, year, key in sets:
        before = (unit, year - 1, key)
        if year in targets and before in sets:
            candidates.add(((unit, year, key), before))
    common = _common(sets)
    distinctive = {d: s - common for d, s in sets.items() if d[1] in targets}
    candidates |= _band_pairs({d: s for d, s in distinctive.items() if len(s) >= MIN_DISTINCT})
    out = []
    for a, b in sorted(candidates):
        score = len(sets[a] & sets[b]) / len(sets[a] | sets[b])
        if score >= threshold:
            out.append(_item(a, b, round(score, 3), "text", _passages(docs[a], docs[b])))
    return out


def _band_pairs(sets: dict[Doc, set[str]]) -> set[tuple[Doc, Doc]]:
    """Pairs of documents of one year and section, of different units, whose MinHash
    signatures (datasketch) agree on a whole band of :data:`BAND_ROWS` rows (LSH)."""
    try:
        from datasketch import MinHash
    except ImportError:
        raise missing_extra("office", "内容雷同检查") from None

    mh = MinHash(num_perm=NUM_PERM, hashfunc=zlib.crc32)  # one sketch, cleared per document
    buckets: dict[tuple[int, str, int, bytes], list[Doc]] = defaultdict(list)
    width = BAND_ROWS * mh.hashvalues.itemsize
    for doc, shingles in sets.items():
        mh.clear()
        mh.update_batch([sh.encode("utf-8") for sh in shingles])
        signature = mh.hashvalues.tobytes()
        for band in range(NUM_PERM // BAND_ROWS):
            buckets[(doc[1], doc[2], band, signature[band * width : (band + 1) * width])].append(
                doc
            )
    pairs: set[tuple[Doc, Doc]] = set()
    for docs in buckets.values():
        if len(docs) > MAX_BUCKET:  # one band shared by that many units is stock text
            continue
        for i, a in enumerate(docs):
            for b in docs[i + 1 :]:
                if a[0] != b[0]:
                    pairs.add((a, b) if a[0] < b[0] else (b, a))
    return pairs


def _passages(a: str, b: str, count: int = 3) -> list[str]:
    blocks = difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()
    longest = sorted((blk for blk in blocks if blk.size >= MIN_PASSAGE), key=lambda x: -x.size)
    return [a[blk.a : blk.a + blk.size] for blk in longest[:count]]


def _item(a: Doc, b: Doc, score: float, kind: str, passages: list[str]) -> dict[str, Any]:
    return {
        "a": {"unit": a[0], "year": a[1], "section": a[2]},
        "b": {"unit": b[0], "year": b[1], "section": b[2]},
        "score": score,
        "kind": kind,
        "passages": passages,
    }


def _table_pairs(
    stored: dict[tuple[str, int], q.StoredReport], targets: list[int]
) -> list[dict[str, Any]]:
    """A table whose every number is repeated from the unit's previous year (not all zero)."""
    out = []
    for (unit, year), now in sorted(stored.items()):
        before = stored.get((unit, year - 1))
        if year not in targets or before is None:
            continue
        old = dict(part.split("=", 1) for part in before.table_hashes.split(";") if part)
        for part in filter(None, now.table_hashes.split(";")):
            name, digest = part.split("=", 1)
            if old.get(name) == digest:
                out.append(_item((unit, year, name), (unit, year - 1, name), 1.0, "tables", []))
    return out
