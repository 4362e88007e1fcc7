"""Measuring and reporting for scripts/bench_district.py: timed runs (wall clock and CPU), the
load average, the Markdown table and its place in README.md."""

from __future__ import annotations

import os
import re
import statistics
import sys
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


@dataclass
class Row:
    measure: str
    value: float               # in ``unit``
    unit: str                  # "s", "ms", "×", "MB"
    target: float | None       # same unit; None: reported beside another row
    cpu: float | None = None   # the median CPU time of this process, same unit (wall time waits for others)

    def text(self) -> str:
        digits = {"s": 2, "ms": 0, "×": 2, "MB": 0}[self.unit]
        text = f"{self.value:.{digits}f} {self.unit}" if self.unit != "×" else f"{self.value:.{digits}f}×"
        return text if self.cpu is None else f"{text} (CPU {self.cpu:.{digits}f} {self.unit})"

    def target_text(self) -> str:
        if self.target is None:
            return "—"
        return f"≤ {self.target:g} {self.unit}" if self.unit != "×" else f"≤ {self.target:g}×"

    def ok(self) -> str:
        return "—" if self.target is None else ("yes" if self.value <= self.target else "**no**")


class Loads:
    """The 1-minute load average, sampled between the measures."""

    def __init__(self) -> None:
        self.samples: list[float] = []

    def sample(self) -> None:
        self.samples.append(os.getloadavg()[0])

    def text(self) -> str:
        return f"{min(self.samples):.1f}–{max(self.samples):.1f} (median {statistics.median(self.samples):.1f})"


class Timed:
    """Wall and CPU times of repeated runs; ``sync`` first writes out every dirty page of the
    system, so a run does not pay for the previous run's writes."""

    def __init__(self) -> None:
        self.wall: list[float] = []
        self.cpu: list[float] = []

    def run(self, fn, sync: bool = False):
        if sync:
            os.sync()
        began, cpu = time.perf_counter(), time.process_time()
        result = fn()
        self.wall.append(time.perf_counter() - began)
        self.cpu.append(time.process_time() - cpu)
        return result

    def times(self, runs: int, fn) -> "Timed":
        for _ in range(runs):
            self.run(fn)
        return self

    @property
    def median(self) -> float:
        return statistics.median(self.wall)

    def row(self, measure: str, target: float | None, unit: str = "s") -> Row:
        scale = 1000 if unit == "ms" else 1
        return Row(measure, self.median * scale, unit, target, statistics.median(self.cpu) * scale)


def summed(first: Timed, then: Timed) -> Timed:
    """Two measures of the same runs, one after the other, as one."""
    both = Timed()
    both.wall = [a + b for a, b in zip(first.wall, then.wall)]
    both.cpu = [a + b for a, b in zip(first.cpu, then.cpu)]
    return both


def table(rows: list[Row]) -> str:
    lines = ["| measure | median | target | ok |", "|---|---:|---|---|"]
    lines += [f"| {r.measure} | {r.text()} | {r.target_text()} | {r.ok()} |" for r in rows]
    return "\n".join(lines)


def machine(loads: Loads) -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), "unknown CPU")
    return (f"Measured {datetime.now():%Y-%m-%d %H:%M} on {os.cpu_count()} cores ({cpu}), Python "
            f"{sys.version.split()[0]}, SQLite {__import__('sqlite3').sqlite_version}; load average during the "
            f"run {loads.text()} (the machine is shared: other work ran alongside).")


def write_readme(section: str) -> None:
    text = README.read_text(encoding="utf-8")
    start, end = "<!-- bench_district:start -->", "<!-- bench_district:end -->"
    block = f"{start}\n{section}\n{end}"
    if start in text:
        text = re.sub(re.escape(start) + ".*?" + re.escape(end), lambda _m: block, text, flags=re.S)
    else:
        text = text.rstrip("\n") + "\n\n## Benchmarks\n\n" + block + "\n"
    README.write_text(text, encoding="utf-8")
