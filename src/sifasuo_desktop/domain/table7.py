"""7号表: 刑满释放人员安置帮教工作情况统计表 (DOMAIN §7.2): its rows, Part 一 and logic checks.

The rows are the program's reconstruction of the form in five parts. Labels are data (an office
may relabel them, see ``statistics.relabel``); what each code counts is fixed in
``services.table7`` and tested against hand-computed scenarios.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from sifasuo_desktop.domain import codes
from sifasuo_desktop.domain.statistics import RowDef, Value, rates_over_100

REPORT = "table7"
TITLE = "刑满释放人员安置帮教工作情况统计表"
UNIT_NOTE = "计量单位：人（第16行为人次，比率为%）"

PARTS = {
    "一": "一、工作机构、人员和经费",
    "二": "二、帮教对象变动情况",
    "三": "三、衔接情况",
    "四": "四、安置帮教情况",
    "五": "五、重新违法犯罪情况",
}

# Row 2.x and 3.x: which source / end reason each counts.
SOURCE_ROWS = {"2.1": "监狱刑满释放", "2.2": "看守所刑满释放", "2.3": codes.SOURCE_CORRECTION_ENDED,
               "2.4": codes.SOURCE_TRANSFER_IN}
END_REASON_ROWS = {"3.1": codes.REASON_EXPIRED, "3.2": "死亡", "3.3": "迁出", "3.4": "重新违法犯罪收监", "3.5": "其他"}
# Row 10.xx: one per placement method code (DOMAIN §5); unknown codes count as 其他 (10.99).
PLACEMENT_ROWS = {f"10.{code}": code for code in codes.PLACEMENT_METHODS}
PLACEMENT_OTHER = "99"


def _placement_rows() -> list[RowDef]:
    rows = []
    for index, (code, name) in enumerate(codes.PLACEMENT_METHODS.items()):
        label = f"其中: {name}" if index == 0 else name
        rows.append(RowDef(f"10.{code}", label, level=1, part="四"))
    return rows


def _r(code: str, label: str, level: int = 0, part: str = "", unit: str = "人", **rate: Any) -> RowDef:
    return RowDef(code, label, unit, level, part, **rate)


ROWS: tuple[RowDef, ...] = (
    _r("1", "上期末在册人数", part="二"),
    _r("2", "本期新增人数", part="二"),
    _r("2.1", "其中: 监狱刑满释放", 1, "二"),
    _r("2.2", "看守所刑满释放", 1, "二"),
    _r("2.3", "解除社区矫正", 1, "二"),
    _r("2.4", "外地迁入", 1, "二"),
    _r("3", "本期减少人数", part="二"),
    _r("3.1", "其中: 帮教期满", 1, "二"),
    _r("3.2", "死亡", 1, "二"),
    _r("3.3", "迁出", 1, "二"),
    _r("3.4", "重新违法犯罪收监", 1, "二"),
    _r("3.5", "其他", 1, "二"),
    _r("4", "期末在册人数", part="二"),
    _r("4.1", "其中: 重点帮教对象", 1, "二"),
    _r("4.2", "一般帮教对象", 1, "二"),
    _r("4.3", "三无人员", 1, "二"),
    _r("4.4", "未成年人", 1, "二"),
    _r("4.5", "女性", 1, "二"),
    _r("4.6", "人户分离", 1, "二"),
    _r("5", "本期应衔接人数", part="三"),
    _r("5.1", "其中: 重点帮教对象", 1, "三"),
    _r("6", "本期已衔接人数", part="三"),
    _r("6.1", "其中: 重点帮教对象", 1, "三"),
    _r("6.2", "其中: 必接必送", 2, "三"),
    _r("7", "未衔接人数", part="三"),
    _r("8", "衔接率 (%)", part="三", unit="%", numerator="6", denominator=("5",)),
    _r("8.1", "重点帮教对象衔接率 (%)", 1, "三", unit="%", numerator="6.1", denominator=("5.1",)),
    _r("9", "应安置人数", part="四"),
    _r("10", "已安置人数", part="四"),
    *_placement_rows(),
    _r("11", "未安置人数", part="四"),
    _r("12", "安置率 (%)", part="四", unit="%", numerator="10", denominator=("9",)),
    _r("13", "已落实帮教人数", part="四"),
    _r("14", "帮教率 (%)", part="四", unit="%", numerator="13", denominator=("4",)),
    _r("15", "签订帮教协议人数", part="四"),
    _r("16", "走访谈话人次", part="四", unit="人次"),
    _r("17", "重新违法犯罪人数", part="五"),
    _r("17.1", "其中: 重新犯罪", 1, "五"),
    _r("17.2", "重新违法", 1, "五"),
    _r("18", "重新违法犯罪率 (%)", part="五", unit="%", numerator="17", denominator=("1", "2")),
)

CODES: tuple[str, ...] = tuple(r.code for r in ROWS)
COUNT_CODES: tuple[str, ...] = tuple(r.code for r in ROWS if not r.is_rate)
BY_CODE: dict[str, RowDef] = {r.code: r for r in ROWS}

# The key rates shown at a glance on the 统计报表 tab.
KEY_RATES = {"8": "衔接率", "12": "安置率", "14": "帮教率", "18": "重新违法犯罪率"}


def minor_birth_cutoff(day: date) -> date:
    """A person born after this date is younger than 18 on ``day`` (row 4.4).

    Someone born on 29 Feb turns 18 on 1 Mar of a common year (``idnumber.age_on``), so the
    cutoff for 29 Feb of a leap year is 28 Feb eighteen years earlier.
    """
    year = day.year - 18
    try:
        return day.replace(year=year)
    except ValueError:
        return date(year, 2, 28)


# --- Part 一: entered by the office for each report -----------------------------------------

@dataclass(frozen=True)
class Part1:
    stations: int = 0          # 工作站数
    helper_groups: int = 0     # 帮教小组数
    staff_fulltime: int = 0    # 专职工作人员
    staff_parttime: int = 0    # 兼职工作人员
    volunteers: int = 0        # 志愿者
    budget: bool = False       # 专项经费列入政府预算

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> "Part1":
        data = data or {}
        values: dict[str, Any] = {}
        for f in fields(cls):
            if f.name in data:
                raw = data[f.name]
                values[f.name] = bool(raw) if f.type in (bool, "bool") else max(int(raw or 0), 0)
        return cls(**values)

    def as_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    def items(self) -> tuple[tuple[str, int | str, str], ...]:
        """(label, value, unit) for printing: numbers, and 是/否 for the budget."""
        return tuple(
            (label, ("是" if self.budget else "否") if name == "budget" else getattr(self, name), unit)
            for name, label, unit in PART1_FIELDS
        )


PART1_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("stations", "工作站数", "个"),
    ("helper_groups", "帮教小组数", "个"),
    ("staff_fulltime", "专职工作人员", "人"),
    ("staff_parttime", "兼职工作人员", "人"),
    ("volunteers", "志愿者", "人"),
    ("budget", "专项经费列入政府预算", ""),
)


def part1_total(parts: Sequence[Part1]) -> tuple[tuple[str, int | str, str], ...]:
    """Part 一 of a district, as (label, value, unit): the offices' numbers added up, and the
    budget as how many offices answered 是 and 否 (the district's own budget is not in the data)."""
    items = []
    for name, label, unit in PART1_FIELDS:
        if name == "budget":
            yes = sum(1 for p in parts if p.budget)
            items.append((label, f"是{yes}所、否{len(parts) - yes}所", unit))
        else:
            items.append((label, sum(getattr(p, name) for p in parts), unit))
    return tuple(items)


def part1_problems(data: Mapping[str, Any]) -> dict[str, str]:
    """Field -> Chinese reason for Part 一 inputs that are not whole numbers from 0 to 99999."""
    problems = {}
    for name, label, _unit in PART1_FIELDS:
        if name == "budget" or name not in data:
            continue
        raw = data[name]
        try:
            number = int(raw)
        except (TypeError, ValueError):
            number = -1
        if isinstance(raw, float) and raw != int(raw):
            number = -1
        if not 0 <= number <= 99999:
            problems[name] = f"{label}应为0到99999之间的整数"
    return problems


# --- logic checks before printing (DOMAIN §7.2) ---------------------------------------------

def _sum(values: Mapping[str, Value], codes_: list[str] | tuple[str, ...]) -> int:
    return sum(int(values[c] or 0) for c in codes_)


def logic_checks(values: Mapping[str, Value], rows: tuple[RowDef, ...] = ROWS) -> list[str]:
    """The failed checks as Chinese messages; an empty list means the table is consistent."""
    v = {code: int(values[code] or 0) for code in COUNT_CODES}
    messages = []

    def expect(left: str, right_value: int, right_text: str) -> None:
        if v[left] != right_value:
            messages.append(f"第{left}行（{v[left]}）应等于{right_text}（{right_value}）")

    expect("4", v["1"] + v["2"] - v["3"], "第1行＋第2行－第3行")
    expect("2", _sum(v, list(SOURCE_ROWS)), "第2.1～2.4行之和")
    expect("3", _sum(v, list(END_REASON_ROWS)), "第3.1～3.5行之和")
    expect("4", v["4.1"] + v["4.2"], "第4.1行＋第4.2行")
    expect("7", v["5"] - v["6"], "第5行－第6行")
    messages += rates_over_100(rows, values)
    return messages

