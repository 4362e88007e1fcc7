"""人民调解 (DOMAIN §6, §8): the case as plain data, its number, its deadlines and its lock.

Deadlines count calendar days from the day that starts them, like every other rule of §6:
a case accepted on 11-01 with a 30-day limit must be concluded by 12-01 (``deadline``), is
**near** its limit from ``deadline - due_soon_days`` and **past** it from the day after.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from sifasuo_desktop.domain import codes, idnumber

RESULT_OPEN, RESULT_SUCCESS, RESULT_FAILED = codes.MEDIATION_RESULTS
FORM_WRITTEN, FORM_ORAL = codes.AGREEMENT_FORMS
ROLE_APPLICANT, ROLE_RESPONDENT = codes.PARTY_ROLES
SOURCE_REFERRED = "委托移送"
SOURCE_APPLICATION = "当事人申请"
RECORD_KINDS = ["调查", "调解"]
FOLLOWUP_METHODS = ["上门回访", "电话回访", "当面回访", "其他"]
RETENTION_PERIODS = ["永久", "长期", "短期"]
DEFAULT_RETENTION = "长期"

# The case's states shown in the list filter (besides 调解中 / 成功 / 不成功 as results).
STATE_OPEN = "调解中"
STATE_NEAR = "临近期限"
STATE_PAST = "已超期"
STATE_CONCLUDED = "已调结"
STATE_CLOSED = "已归档"
STATES = [STATE_OPEN, STATE_NEAR, STATE_PAST, STATE_CONCLUDED, STATE_CLOSED]


@dataclass(frozen=True)
class Party:
    """当事人: a person or an organisation (then ``name`` is the organisation's name)."""

    role: str
    name: str
    is_organisation: bool = False
    sex: str | None = None
    ethnicity: str | None = None          # GB 3304 code, e.g. "01"
    birth_date: date | None = None
    age: int | None = None                # when the birth date is unknown
    occupation: str | None = None         # 职业或职务
    phone: str | None = None
    address: str | None = None            # 单位或住址
    id_number: str | None = None
    id: str | None = None
    person_id: str | None = None          # the dossier person with the same 公民身份号码

    @property
    def ethnicity_name(self) -> str:
        return codes.ETHNICITIES.get(self.ethnicity or "", "")

    @property
    def birth(self) -> date | None:
        """The birth date as entered, else as the 公民身份号码 says."""
        if self.birth_date is not None or not self.id_number:
            return self.birth_date
        try:
            return idnumber.parse(self.id_number).birth_date
        except idnumber.IdNumberError:
            return None

    def age_on(self, day: date) -> int | None:
        """Full years on ``day`` from the birth date, else the age as entered."""
        birth = self.birth
        if birth is None:
            return self.age
        return max(idnumber.age_on(birth, day), 0)


@dataclass(frozen=True)
class Record:
    """调查记录 or 调解记录."""

    kind: str
    record_date: date
    place: str | None = None
    participants: str | None = None
    recorder: str | None = None
    text: str | None = None
    id: str | None = None


@dataclass(frozen=True)
class Followup:
    """回访记录."""

    followup_date: date
    method: str | None = None
    visitor: str | None = None
    content: str | None = None
    result: str | None = None
    id: str | None = None


@dataclass(frozen=True)
class Case:
    """One mediation case with everything printed about it. ``seq`` None = number automatically."""

    acceptance_date: date | None
    source: str
    dispute_type: str
    parties: tuple[Party, ...] = ()
    mediators: tuple[str, ...] = ()
    number_prefix: str = ""
    year: int | None = None
    seq: int | None = None
    referring_organ: str | None = None
    summary: str | None = None
    amount_involved: Decimal | None = None
    people_involved: int | None = None
    recorder: str | None = None
    result: str = RESULT_OPEN
    concluded_date: date | None = None
    failure_reason: str | None = None
    suggested_route: str | None = None
    agreement_form: str | None = None
    agreement_date: date | None = None
    clauses: tuple[str, ...] = ()
    agreement_amount: Decimal | None = None
    performance_method: str | None = None
    performance_deadline: date | None = None
    performance_status: str | None = None
    performance_date: date | None = None
    judicial_apply_date: date | None = None
    judicial_confirm_date: date | None = None
    judicial_court: str | None = None
    prevent_criminal: int = 0
    prevent_petition: int = 0
    prevent_fight: int = 0
    prevent_suicide: int = 0
    extension_days: int = 0
    extension_reason: str | None = None
    closed: bool = False
    filer: str | None = None
    retention: str | None = None
    file_materials: dict[str, int] = field(default_factory=dict)   # paper documents: title -> pages
    notes: str | None = None
    records: tuple[Record, ...] = ()
    followups: tuple[Followup, ...] = ()
    id: str | None = None

    @property
    def number(self) -> str:
        return case_number(self.number_prefix, self.year, self.seq)

    def parties_in(self, role: str) -> tuple[Party, ...]:
        return tuple(p for p in self.parties if p.role == role)

    def records_of(self, kind: str) -> tuple[Record, ...]:
        return tuple(r for r in self.records if r.kind == kind)


# --- numbering -----------------------------------------------------------------------------

def case_number(prefix: str, year: int | None, seq: int | None) -> str:
    """``城关镇人调字〔2026〕第12号``; without a year or sequence the number is not given yet."""
    if year is None or seq is None:
        return ""
    return f"{prefix or ''}〔{year}〕第{seq}号"


def next_seq(used: list[int] | tuple[int, ...] | set[int]) -> int:
    """The next number in a year: one past the highest used (deleted cases keep theirs)."""
    return max(used, default=0) + 1


def default_prefix(committee_name: str | None, office_name: str | None) -> str:
    """``城关镇人调字`` from ``城关镇人民调解委员会`` or ``示范县城关镇司法所``."""
    for name, suffix in ((committee_name, "人民调解委员会"), (office_name, "司法所")):
        text = (name or "").strip()
        if text.endswith(suffix) and len(text) > len(suffix):
            place = text[: -len(suffix)]
            for level in ("县", "区", "市", "旗"):
                head, sep, tail = place.rpartition(level)
                if sep and tail:
                    place = tail
                    break
            return f"{place}人调字"
    return "人调字"


# --- deadlines -----------------------------------------------------------------------------

@dataclass(frozen=True)
class LimitStatus:
    deadline: date
    days_left: int        # negative once past
    state: str            # STATE_OPEN, STATE_NEAR or STATE_PAST

    @property
    def label(self) -> str:
        if self.days_left < 0:
            return f"超期{-self.days_left}天"
        return "今日到期" if self.days_left == 0 else f"剩{self.days_left}天"


def limit_deadline(acceptance_date: date, limit_days: int, extension_days: int = 0) -> date:
    return acceptance_date + timedelta(days=limit_days + extension_days)


def open_limit(acceptance_date: date, extension_days: int, limit_days: int, due_soon_days: int,
               today: date) -> LimitStatus:
    """Deadline, days left and state of a case still in mediation."""
    deadline = limit_deadline(acceptance_date, limit_days, extension_days)
    left = (deadline - today).days
    state = STATE_PAST if left < 0 else STATE_NEAR if left <= due_soon_days else STATE_OPEN
    return LimitStatus(deadline, left, state)


def limit_status(case: Case, limit_days: int, due_soon_days: int, today: date) -> LimitStatus | None:
    """Days left of an open case (调解中, not closed); None once concluded."""
    if case.result != RESULT_OPEN or case.closed or case.acceptance_date is None:
        return None
    return open_limit(case.acceptance_date, case.extension_days, limit_days, due_soon_days, today)


def followup_due(agreement_date: date | None, followup_days: int) -> date | None:
    """The 回访 is due this many days after the agreement."""
    return agreement_date + timedelta(days=followup_days) if agreement_date else None


def judicial_window_end(agreement_date: date | None, window_days: int) -> date | None:
    """Last day to apply jointly for 司法确认 (the agreement takes effect on its date)."""
    return agreement_date + timedelta(days=window_days) if agreement_date else None


def case_state(case: Case, limit_days: int, due_soon_days: int, today: date) -> str:
    if case.closed:
        return STATE_CLOSED
    if case.result != RESULT_OPEN:
        return STATE_CONCLUDED
    status = limit_status(case, limit_days, due_soon_days, today)
    return status.state if status else STATE_OPEN


# --- agreement -----------------------------------------------------------------------------

_DIGITS = "零一二三四五六七八九"


def chinese_numeral(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 20 -> 二十, 99 -> 九十九 (clause numbers, copies)."""
    if not 0 < n < 100:
        return str(n)
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _DIGITS[tens] + "十")
    return head + (_DIGITS[ones] if ones else "")


def agreement_copies(party_count: int, extra: int = 1) -> int:
    """One copy per party and one for the 人民调解委员会 (``extra`` is a setting)."""
    return party_count + extra


def copies_sentence(party_count: int, extra: int = 1) -> str:
    n = agreement_copies(party_count, extra)
    return f"本协议一式{chinese_numeral(n)}份，当事人、人民调解委员会各持一份。"


# --- locking -------------------------------------------------------------------------------

LOCKED_MESSAGE = "案件已结案归档，不能修改；如需修改请先“重新打开”并说明理由"


def edit_problem(closed: bool) -> str | None:
    """Why a case cannot be changed, or None."""
    return LOCKED_MESSAGE if closed else None


def close_problem(case: Case) -> str | None:
    """A case is closed (归档, then locked) only once concluded."""
    if case.closed:
        return "案件已经归档"
    if case.result == RESULT_OPEN or case.concluded_date is None:
        return "案件尚在调解中，调结（成功或不成功）后才能结案归档"
    return None


def reopen_problem(closed: bool, reason: str | None) -> str | None:
    if not closed:
        return "案件未归档，无需重新打开"
    if len((reason or "").strip()) < 2:
        return "请填写重新打开的理由"
    return None


# --- the register --------------------------------------------------------------------------

@dataclass(frozen=True)
class RegisterRow:
    """One line of the 人民调解案件登记簿."""

    number: str
    acceptance_date: date
    source: str
    dispute_type: str
    applicants: str
    respondents: str
    summary: str
    mediators: str
    result: str
    concluded_date: date | None
    agreement_form: str
    agreement_amount: Decimal | None
    performance_status: str
    followup_date: date | None
    judicial_confirm_date: date | None
    notes: str


def _day(value: date | None) -> str:
    return value.isoformat() if value else ""


# The register's columns, shared by the screen and the printed 登记簿: (header, text of a row).
REGISTER_COLUMNS: list[tuple[str, Callable[[RegisterRow], str]]] = [
    ("编号", lambda r: r.number),
    ("受理日期", lambda r: _day(r.acceptance_date)),
    ("案件来源", lambda r: r.source),
    ("纠纷类型", lambda r: r.dispute_type),
    ("申请人", lambda r: r.applicants),
    ("被申请人", lambda r: r.respondents),
    ("纠纷简要情况", lambda r: r.summary),
    ("调解员", lambda r: r.mediators),
    ("调解结果", lambda r: r.result),
    ("结案日期", lambda r: _day(r.concluded_date)),
    ("协议形式", lambda r: r.agreement_form),
    ("协议金额(元)", lambda r: "" if r.agreement_amount is None else f"{r.agreement_amount:.2f}"),
    ("履行情况", lambda r: r.performance_status),
    ("回访日期", lambda r: _day(r.followup_date)),
    ("司法确认日期", lambda r: _day(r.judicial_confirm_date)),
    ("备注", lambda r: r.notes),
]
