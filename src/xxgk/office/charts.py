"""Chart images for the office's workbook (matplotlib, Agg, a CJK font from fonts-noto-cjk):
the status of a year, and a compared metric by unit and year. Every chart is drawn from a
table the workbook shows beside it (charts are data first). The web pages draw their charts
from :mod:`xxgk.office.chartdata` instead."""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path
from typing import Any

from xxgk.errors import missing_extra

FONT_FILES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
)


@cache
def _pyplot() -> Any:
    try:
        import matplotlib
    except ImportError:
        raise missing_extra("office", "画图") from None
    matplotlib.use("Agg")
    from matplotlib import font_manager
    from matplotlib import pyplot as plt

    for path in FONT_FILES:
        if Path(path).is_file():
            font_manager.fontManager.addfont(path)
            name = font_manager.FontProperties(fname=path).get_name()
            matplotlib.rcParams["font.family"] = [name]
            break
    matplotlib.rcParams["axes.unicode_minus"] = False
    matplotlib.rcParams["svg.fonttype"] = "none"
    return plt


def _save(fig: Any, fmt: str) -> bytes:
    out = io.BytesIO()
    fig.savefig(out, format=fmt, dpi=110, bbox_inches="tight")
    _pyplot().close(fig)
    return out.getvalue()


def status_chart(counts: dict[str, int], labels: dict[str, str], *, fmt: str = "png") -> bytes:
    """Bars: how many units are in each status (``fmt`` png or svg)."""
    plt = _pyplot()
    keys = [k for k, v in counts.items() if v]
    fig, ax = plt.subplots(figsize=(6.5, 3.2))
    bars = ax.bar([labels[k] for k in keys], [counts[k] for k in keys], color="#3b6ea5")
    ax.bar_label(bars)
    ax.set_ylabel("单位数")
    ax.set_title("年报报送情况")
    return _save(fig, fmt)


def compare_chart(data: dict[str, Any], *, fmt: str = "png", top: int = 15) -> bytes:
    """Grouped bars: the metric of the ``top`` units (by the last year's value), per year."""
    plt = _pyplot()
    years = data["years"]
    rows = sorted(data["rows"], key=lambda r: -(r["values"].get(years[-1]) or 0))[:top]
    fig, ax = plt.subplots(figsize=(max(6.5, 0.55 * len(rows) + 2), 3.6))
    width = 0.8 / max(1, len(years))
    for i, year in enumerate(years):
        xs = [j + i * width for j in range(len(rows))]
        ax.bar(xs, [float(r["values"].get(year) or 0) for r in rows], width, label=f"{year}年")
    ax.set_xticks([j + width * (len(years) - 1) / 2 for j in range(len(rows))])
    ax.set_xticklabels([r["name"] for r in rows], rotation=45, ha="right", fontsize=8)
    ax.set_title(data["label"])
    ax.legend()
    return _save(fig, fmt)
