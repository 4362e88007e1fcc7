"""The dated history tables of the person form: what each shows and how a new row is entered."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import QLineEdit

from sifasuo_desktop.domain import codes
from sifasuo_desktop.services import person_inputs as pi
from sifasuo_desktop.services.person_validation import history_problems
from sifasuo_desktop.ui.widgets.form import DateField, make_combo
from sifasuo_desktop.ui.widgets.history import HistorySpec


def _d(value: date | None) -> str:
    return value.isoformat() if value else ""


def _text(value: str | None) -> str:
    return value or ""


def specs(today: date) -> dict[str, HistorySpec]:
    def check(item: Any) -> dict[str, str]:
        return history_problems(item, today)

    def v(values: dict[str, Any], code: str) -> Any:
        value = values.get(code)
        return None if value == "" else value

    return {
        "category": HistorySpec(
            "帮教类别变更",
            [("生效日期", lambda o: _d(o.effective_date)), ("类别", lambda o: o.category),
             ("原因", lambda o: _text(o.reason))],
            lambda: [("effective_date", "生效日期", DateField(), True),
                     ("category", "帮教类别", make_combo(codes.CATEGORIES), True),
                     ("reason", "原因", QLineEdit(), False)],
            lambda x: pi.CategoryInput(v(x, "effective_date"), v(x, "category"), v(x, "reason")),
            check,
        ),
        "flag": HistorySpec(
            "标记",
            [("标记", lambda o: codes.FLAGS.get(o.flag, o.flag)), ("开始日期", lambda o: _d(o.start_date)),
             ("结束日期", lambda o: _d(o.end_date)), ("说明", lambda o: _text(o.notes))],
            lambda: [("flag", "标记", make_combo(codes.FLAGS), True),
                     ("start_date", "开始日期", DateField(), True),
                     ("end_date", "结束日期", DateField(), False),
                     ("notes", "说明", QLineEdit(), False)],
            lambda x: pi.FlagInput(v(x, "flag"), v(x, "start_date"), v(x, "end_date"), v(x, "notes")),
            check,
        ),
        "helper": HistorySpec(
            "帮教小组成员",
            [("身份", lambda o: o.role), ("姓名", lambda o: o.name), ("单位", lambda o: _text(o.unit)),
             ("电话", lambda o: _text(o.phone))],
            lambda: [("role", "身份", make_combo(codes.HELPER_ROLES), True),
                     ("name", "姓名", QLineEdit(), True),
                     ("unit", "单位/职务", QLineEdit(), False),
                     ("phone", "联系电话", QLineEdit(), False)],
            lambda x: pi.HelperInput(v(x, "role"), v(x, "name") or "", v(x, "unit"), v(x, "phone")),
            check,
        ),
        "status_event": HistorySpec(
            "状态记录",
            [("日期", lambda o: _d(o.event_date)), ("状态", lambda o: o.kind), ("说明", lambda o: _text(o.notes))],
            lambda: [("event_date", "日期", DateField(), True),
                     ("kind", "状态", make_combo(codes.STATUS_EVENT_KINDS), True),
                     ("notes", "说明", QLineEdit(), False)],
            lambda x: pi.StatusEventInput(v(x, "event_date"), v(x, "kind"), v(x, "notes")),
            check,
        ),
        "placement": HistorySpec(
            "安置记录",
            [("安置日期", lambda o: _d(o.placement_date)),
             ("安置方式", lambda o: codes.PLACEMENT_METHODS.get(o.method, o.method)),
             ("单位/地点", lambda o: _text(o.employer)), ("说明", lambda o: _text(o.notes))],
            lambda: [("placement_date", "安置日期", DateField(), True),
                     ("method", "安置方式", make_combo(codes.PLACEMENT_METHODS), True),
                     ("employer", "单位/地点", QLineEdit(), False),
                     ("notes", "说明", QLineEdit(), False)],
            lambda x: pi.PlacementInput(v(x, "placement_date"), v(x, "method"), v(x, "employer"), v(x, "notes")),
            check,
        ),
        "reoffense": HistorySpec(
            "重新违法犯罪记录",
            [("日期", lambda o: _d(o.offense_date)), ("类别", lambda o: o.kind), ("罪名/违法行为", lambda o: _text(o.charge)),
             ("处理情况", lambda o: _text(o.handling))],
            lambda: [("offense_date", "日期", DateField(), True),
                     ("kind", "类别", make_combo(codes.REOFFENSE_KINDS), True),
                     ("charge", "罪名/违法行为", QLineEdit(), False),
                     ("handling", "处理情况", QLineEdit(), False)],
            lambda x: pi.ReoffenseInput(v(x, "offense_date"), v(x, "kind"), v(x, "charge"), v(x, "handling")),
            check,
        ),
        "level": HistorySpec(
            "管理等级变更",
            [("生效日期", lambda o: _d(o.effective_date)), ("管理等级", lambda o: o.level),
             ("原因", lambda o: _text(o.reason))],
            lambda: [("effective_date", "生效日期", DateField(), True),
                     ("level", "管理等级", make_combo(codes.SUPERVISION_LEVELS), True),
                     ("reason", "原因", QLineEdit(), False)],
            lambda x: pi.LevelInput(v(x, "effective_date"), v(x, "level"), v(x, "reason")),
            check,
        ),
    }
