"""人民调解工作统计表 (DOMAIN §7.3): rows M1 … M13 with their splits, and logic checks.

Codes: ``M1`` … ``M13``; ``M1.<纠纷类型>`` and ``M1.<案件来源>`` split M1; ``M5.书面`` / ``M5.口头``
split M2 by agreement form (``M5`` is their sum); ``M10.人`` … ``M13.人`` are the people behind
the flagged cases of M10 … M13. M6 is in 万元 with two decimals.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal

from sifasuo_desktop.domain import codes
from sifasuo_desktop.domain.statistics import RowDef, Value, rates_over_100

REPORT = "mediation"
TITLE = "人民调解工作统计表"
UNIT_NOTE = "计量单位：件（M6为万元，比率为%）"

PARTS = {"受理": "一、受理情况", "调结": "二、调解结果", "成效": "三、调解成效"}

# M10 … M13: the prevention flag column (people counted; 0 = not flagged) behind each code.
PREVENTION_ROWS = {
    "M10": "prevent_criminal",
    "M11": "prevent_petition",
    "M12": "prevent_fight",
    "M13": "prevent_suicide",
}


def _splits(prefix: str, names: list[str], first: str, number_from: int = 1) -> list[RowDef]:
    """Split rows ``M1.<name>``, printed as M1.1, M1.2, … (the names are too long for the 行次 box)."""
    return [
        RowDef(f"{prefix}.{name}", f"{first}{name}" if i == 0 else name, "件", 1, "受理",
               printed=f"{prefix}.{number_from + i}")
        for i, name in enumerate(names)
    ]


def _prevention_rows() -> list[RowDef]:
    rows = []
    for code, column in PREVENTION_ROWS.items():
        label = codes.PREVENTION_FLAGS[column]
        rows.append(RowDef(code, f"{label}（件）", "件", 0, "成效"))
        rows.append(RowDef(f"{code}.人", f"{label}（人）", "人", 1, "成效", printed=f"{code}.1"))
    return rows


ROWS: tuple[RowDef, ...] = (
    RowDef("M1", "受理纠纷件数", "件", 0, "受理"),
    *_splits("M1", codes.DISPUTE_TYPES, "按纠纷类型: "),
    *_splits("M1", codes.CASE_SOURCES, "按案件来源: ", len(codes.DISPUTE_TYPES) + 1),
    RowDef("M2", "调解成功件数", "件", 0, "调结"),
    RowDef("M3", "调解不成功件数", "件", 0, "调结"),
    RowDef("M4", "调解成功率 (%)", "%", 0, "调结", numerator="M2", denominator=("M2", "M3")),
    RowDef("M5", "达成协议件数", "件", 0, "调结"),
    RowDef("M5.书面", "其中: 书面协议", "件", 1, "调结", printed="M5.1"),
    RowDef("M5.口头", "口头协议", "件", 1, "调结", printed="M5.2"),
    RowDef("M6", "协议涉及金额 (万元)", "万元", 0, "调结"),
    RowDef("M7", "已履行件数", "件", 0, "调结"),
    RowDef("M8", "司法确认件数", "件", 0, "调结"),
    RowDef("M9", "回访件数", "件", 0, "调结"),
    *_prevention_rows(),
)

CODES: tuple[str, ...] = tuple(r.code for r in ROWS)
BY_CODE: dict[str, RowDef] = {r.code: r for r in ROWS}
DISPUTE_CODES = {f"M1.{name}": name for name in codes.DISPUTE_TYPES}
SOURCE_CODES = {f"M1.{name}": name for name in codes.CASE_SOURCES}
FORM_CODES = {f"M5.{name}": name for name in codes.AGREEMENT_FORMS}


def wan_yuan(cents: int) -> Decimal:
    """An amount in 分 as 万元 with two decimals, rounded half up (M6)."""
    return (Decimal(cents) / Decimal(1_000_000)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def logic_checks(values: Mapping[str, Value], rows: tuple[RowDef, ...] = ROWS) -> list[str]:
    v = {code: values[code] or 0 for code in CODES}
    messages = []
    by_type = sum(v[c] for c in DISPUTE_CODES)
    by_source = sum(v[c] for c in SOURCE_CODES)
    if by_type != v["M1"]:
        messages.append(f"受理件数M1（{v['M1']}）应等于各纠纷类型之和（{by_type}）")
    if by_source != v["M1"]:
        messages.append(f"受理件数M1（{v['M1']}）应等于各案件来源之和（{by_source}）")
    if v["M5"] != v["M2"]:
        messages.append(f"书面与口头协议之和M5（{v['M5']}）应等于调解成功件数M2（{v['M2']}），请补填协议形式")
    for code in ("M7", *PREVENTION_ROWS):
        if v[code] > v["M2"]:
            messages.append(f"{code}（{v[code]}）不应大于调解成功件数M2（{v['M2']}）")
    messages += rates_over_100(rows, values)
    return messages
