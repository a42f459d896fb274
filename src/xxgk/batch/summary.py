"""What a batch did: files, reports, unreadable files, reports with errors, findings by rule."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from xxgk.batch.worker import Outcome

_WORDS = {
    "zh": ("文件", "报告", "无法读取", "有错误的报告", "用时", "秒", "个/秒", "各规则的检查结果"),
    "en": (
        "files",
        "reports",
        "unreadable",
        "reports with errors",
        "time",
        "s",
        "files/s",
        "findings by rule",
    ),
}


@dataclass
class Summary:
    files: int = 0
    reports: int = 0
    errors: int = 0  # inputs that produced an error record
    invalid: int = 0  # reports with at least one error finding
    seconds: float = 0.0
    by_rule: Counter[tuple[str, str]] = field(default_factory=Counter)  # (rule, severity) → count
    error_types: Counter[str] = field(default_factory=Counter)

    def add(self, outcome: Outcome) -> None:
        self.files += 1
        if outcome.error is not None:
            self.errors += 1
            self.error_types[outcome.error["type"]] += 1
            return
        self.reports += 1
        self.invalid += any(sev == "error" for _, sev in outcome.findings)
        self.by_rule.update(outcome.findings)

    @property
    def exit_code(self) -> int:
        """2 when any input was unreadable, else 1 when any report has an error finding, else 0."""
        return 2 if self.errors else (1 if self.invalid else 0)

    def to_dict(self) -> dict[str, Any]:
        return {
            "files": self.files,
            "reports": self.reports,
            "errors": self.errors,
            "invalid": self.invalid,
            "seconds": round(self.seconds, 3),
            "error_types": dict(self.error_types),
            "findings": [
                {"rule": r, "severity": s, "count": n} for (r, s), n in self.by_rule.most_common()
            ],
            "exit_code": self.exit_code,
        }

    def format(self, lang: str = "zh") -> str:
        w = _WORDS.get(lang, _WORDS["zh"])
        rate = f" ({self.files / self.seconds:.0f} {w[6]})" if self.seconds > 0 else ""
        lines = [
            f"{w[0]} {self.files}  {w[1]} {self.reports}  {w[2]} {self.errors}  "
            f"{w[3]} {self.invalid}  {w[4]} {self.seconds:.1f} {w[5]}{rate}"
        ]
        if self.by_rule:
            lines.append(f"{w[7]}:")
            size = max(len(r) for r, _ in self.by_rule)
            lines += [f"  {r.ljust(size)}  {s:<7}  {n}" for (r, s), n in self.by_rule.most_common()]
        return "\n".join(lines)
