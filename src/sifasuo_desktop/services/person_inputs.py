"""What a caller hands to the dossier services: frozen input records (see services.persons).

Optional text fields are ``None`` (or empty) when unknown. Dates are ``datetime.date``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sifasuo_desktop.domain import codes


@dataclass(frozen=True)
class PersonInput:
    """基本信息 of a person. ``sex`` and ``birth_date`` may stay empty: they come from the ID number
    (when given they must agree with it). ``ethnicity`` is a GB 3304 code or name (``01`` / ``汉族``).
    ``id_number_verified`` is the "号码经核实无误" confirmation that keeps a number failing the check."""

    name: str
    id_number: str
    village_id: str | None = None
    id_number_verified: bool = False
    sex: str | None = None
    birth_date: date | None = None
    ethnicity: str | None = None
    archive_no: str | None = None
    former_name: str | None = None
    education: str | None = None
    health: str | None = None
    political_status: str | None = None
    marital_status: str | None = None
    household_address: str | None = None
    residence_address: str | None = None
    phone: str | None = None
    work_unit: str | None = None
    resume: str | None = None
    family_members: str | None = None
    prior_record: str | None = None
    notes: str | None = None


@dataclass(frozen=True)
class AftercareInput:
    """One aftercare term (帮教期, DOMAIN §7.1). ``id`` None creates a new term, else updates it.

    ``category``/``category_reason`` give the first 帮教类别 (effective on the register start) when
    the term is created; later changes are history rows (:class:`CategoryInput`).
    ``term_years`` None: the office rule for the source on creation, the stored value on update.
    """

    source: str
    release_date: date | None
    transfer_in_date: date | None = None
    removal_date: date | None = None
    removal_reason: str | None = None
    notice_date: date | None = None
    dossier_date: date | None = None
    handover_date: date | None = None
    handover_method: str | None = None
    agreement_date: date | None = None
    charge: str | None = None
    original_sentence: str | None = None
    prison: str | None = None
    notes: str | None = None
    category: str = codes.CATEGORY_GENERAL
    category_reason: str | None = None
    term_years: int | None = None
    id: str | None = None


@dataclass(frozen=True)
class CorrectionInput:
    """One correction term (社区矫正). ``id`` None creates a new term, else updates it.
    ``supervision_level`` is the first 管理等级 (effective on the start date) on creation; later
    changes are history rows (:class:`LevelInput`). A term ending with ``end_reason`` 期满解除 and an
    ``actual_end_date`` opens an aftercare term (source 解除社区矫正) when the office rule says so."""

    kind: str
    start_date: date | None
    end_date: date | None
    charge: str | None = None
    sentence_kind: str | None = None
    original_sentence: str | None = None
    additional_penalty: str | None = None
    decision_organ: str | None = None
    custody_place: str | None = None
    judgment_effective_date: date | None = None
    term_text: str | None = None
    documents_received_date: date | None = None
    documents_kinds: str | None = None
    reception_method: str | None = None
    report_date: date | None = None
    report_status: str | None = None
    prohibition: str | None = None
    prohibition_start: date | None = None
    prohibition_end: date | None = None
    execution_place: str | None = None
    crime_facts: str | None = None
    actual_end_date: date | None = None
    end_reason: str | None = None
    notes: str | None = None
    supervision_level: str = "普管"
    id: str | None = None


# --- dated history (never overwritten: a change is a new row) -------------------------------
# ``term_id`` / ``correction_term_id`` None: the term saved in the same call, else the person's
# latest term of that kind.

@dataclass(frozen=True)
class CategoryInput:
    effective_date: date
    category: str                       # 重点 / 一般
    reason: str | None = None
    term_id: str | None = None
    KIND = "category"


@dataclass(frozen=True)
class FlagInput:
    flag: str                           # three_nos / residence_mismatch (codes.FLAGS)
    start_date: date
    end_date: date | None = None        # exclusive; open when None
    notes: str | None = None
    KIND = "flag"


@dataclass(frozen=True)
class PlacementInput:
    placement_date: date
    method: str                         # code or name of codes.PLACEMENT_METHODS
    employer: str | None = None
    notes: str | None = None
    term_id: str | None = None
    KIND = "placement"


@dataclass(frozen=True)
class ReoffenseInput:
    offense_date: date
    kind: str                           # 犯罪 / 违法
    charge: str | None = None
    handling: str | None = None
    KIND = "reoffense"


@dataclass(frozen=True)
class StatusEventInput:
    event_date: date
    kind: str                           # codes.STATUS_EVENT_KINDS (脱管, 脱管找回, 落户 ...)
    notes: str | None = None
    KIND = "status_event"


@dataclass(frozen=True)
class HelperInput:
    role: str                           # codes.HELPER_ROLES
    name: str
    unit: str | None = None
    phone: str | None = None
    KIND = "helper"


@dataclass(frozen=True)
class LevelInput:
    effective_date: date
    level: str                          # 严管 / 普管 / 宽管
    reason: str | None = None
    correction_term_id: str | None = None
    KIND = "level"


HistoryInput = (CategoryInput | FlagInput | PlacementInput | ReoffenseInput | StatusEventInput
                | HelperInput | LevelInput)


@dataclass(frozen=True)
class HistoryRef:
    """A history row to remove (soft delete): its kind (the ``KIND`` of its input class) and id."""

    kind: str
    id: str
