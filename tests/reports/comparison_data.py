"""Synthetic district tables for the 分所对比 renderers: each office its own counts per row,
the total adds the counts up and computes its rates from the sums (as the engine does)."""

from __future__ import annotations

from datetime import date

from sifasuo_desktop.domain import mediation_table, statistics, table7
from sifasuo_desktop.domain.comparison import Comparison

NAMES = ["城关镇", "河湾乡", "东关街道办事处", "柳林镇", "杏花村镇", "北山乡", "南湖镇", "白马寺镇", "龙门镇",
         "新安乡", "石桥镇", "古城乡", "青龙山镇", "黄河滩乡"]
START, END = date(2026, 1, 1), date(2026, 6, 30)


def office_name(i: int) -> str:
    return f"{NAMES[i % len(NAMES)]}司法所" + (str(i // len(NAMES) + 1) if i >= len(NAMES) else "")


def _table(module, name: str, counts: dict[str, int], part1: tuple = ()) -> statistics.StatTable:
    return statistics.StatTable(
        report=module.REPORT, title=module.TITLE, office_name=name, start=START, end=END, rows=module.ROWS,
        values=statistics.fill_rates(module.ROWS, counts), part1=part1, parts=module.PARTS,
        unit_note=module.UNIT_NOTE)


def comparison(offices: int, report: str = table7.REPORT) -> Comparison:
    module = table7 if report == table7.REPORT else mediation_table
    counts = [{r.code: (n % 7 + 1) * (i + 1) + (i * n) % 5 for n, r in enumerate(module.ROWS) if not r.is_rate} for i in range(offices)]
    parts = [table7.Part1(stations=i + 1, helper_groups=2, volunteers=10 * i, budget=i % 3 == 0)
             for i in range(offices)]
    with_part1 = report == table7.REPORT
    units = tuple(_table(module, office_name(i), counts[i], parts[i].items() if with_part1 else ())
                  for i in range(offices))
    summed = {code: sum(c[code] for c in counts) for code in counts[0]} if counts else {
        r.code: 0 for r in module.ROWS if not r.is_rate}
    total = _table(module, f"测试县司法局（汇总{offices}个司法所）", summed,
                   table7.part1_total(parts) if with_part1 else ())
    return Comparison(total, units)
