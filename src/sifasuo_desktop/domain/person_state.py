"""Where a person stands on a day: population, state, days left (the 一人一档 list).

The person's *current* term is the latest one: the latest aftercare term (by register start) or
the latest correction term (by start date), whichever started later; on the same day the
correction term wins. A person without any term is 待列管.

Aftercare term on day d (DOMAIN §7.1, ``end`` exclusive):
    d < register_start                               -> 待列管 (notice received, not yet released)
    d >= end                                         -> 已解除 (expired or removed early)
    no handover date on or before d, source not 外地迁入 -> 未衔接 (row 5 of the 7号表 minus row 6)
    otherwise                                        -> 在册
Correction term on day d:
    d < start_date                                   -> 待列管
    actual end date on or before d                   -> 解矫
    otherwise                                        -> 在矫 (also past the planned end while the
                                                        release is not recorded: days left < 0)
Days left: ``end - d`` for 在册 / 未衔接, ``end_date - d`` for 在矫, else None.
脱管: the person's latest 脱管 / 脱管找回 event on or before d is 脱管, while in an active state.

The facts are named tuples (immutable and cheap: the list computes this for 50,000 persons).
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from sifasuo_desktop.domain import codes

LOST_CONTACT, FOUND = "脱管", "脱管找回"
ACTIVE_STATES = (codes.STATE_ON_REGISTER, codes.STATE_UNCONNECTED, codes.STATE_IN_CORRECTION)
STATES = [codes.STATE_ON_REGISTER, codes.STATE_UNCONNECTED, codes.STATE_RELEASED, codes.STATE_NOT_YET,
          codes.STATE_IN_CORRECTION, codes.STATE_CORRECTION_ENDED]


class AftercareFacts(NamedTuple):
    register_start: date
    end: date
    source: str
    handover_date: date | None


class CorrectionFacts(NamedTuple):
    start_date: date
    end_date: date
    actual_end_date: date | None


class PersonStatus(NamedTuple):
    population: str          # 安置帮教 / 社区矫正 / "" (no term yet)
    state: str
    days_left: int | None

    @property
    def active(self) -> bool:
        return self.state in ACTIVE_STATES


def aftercare_state(term: AftercareFacts, day: date) -> str:
    if day < term.register_start:
        return codes.STATE_NOT_YET
    if day >= term.end:
        return codes.STATE_RELEASED
    handed_over = term.handover_date is not None and term.handover_date <= day
    if not handed_over and term.source != codes.SOURCE_TRANSFER_IN:
        return codes.STATE_UNCONNECTED
    return codes.STATE_ON_REGISTER


def correction_state(term: CorrectionFacts, day: date) -> str:
    if day < term.start_date:
        return codes.STATE_NOT_YET
    if term.actual_end_date is not None and term.actual_end_date <= day:
        return codes.STATE_CORRECTION_ENDED
    return codes.STATE_IN_CORRECTION


def status(aftercare: AftercareFacts | None, correction: CorrectionFacts | None, day: date) -> PersonStatus:
    if correction is not None and (aftercare is None or correction.start_date >= aftercare.register_start):
        state = correction_state(correction, day)
        left = (correction.end_date - day).days if state == codes.STATE_IN_CORRECTION else None
        return PersonStatus(codes.POPULATION_CORRECTION, state, left)
    if aftercare is not None:
        state = aftercare_state(aftercare, day)
        active = state in (codes.STATE_ON_REGISTER, codes.STATE_UNCONNECTED)
        return PersonStatus(codes.POPULATION_AFTERCARE, state, (aftercare.end - day).days if active else None)
    return PersonStatus("", codes.STATE_NOT_YET, None)


def ending_soon(days_left: int | None, warn_days: int) -> bool:
    """The current term ends within ``warn_days`` (or is past its planned end)."""
    return days_left is not None and days_left <= warn_days
