"""规则参数 and 程序设置: one dialog that lays out settings from their description (pages of
keys, Chinese labels, allowed ranges, defaults), so both are data, not two copied forms.

Whole numbers are spin boxes bounded by their range, yes/no values check boxes, month-days
(``MM-DD``) text fields checked as typed. 恢复默认 puts the defaults into the fields; nothing is
stored until 保存. A user without ``manage_settings`` sees the values read-only.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from sifasuo_desktop.core import settings as app_settings_module
from sifasuo_desktop.core.settings import AppSettings
from sifasuo_desktop.domain import rules as rules_module
from sifasuo_desktop.domain.rules import RuleSettings, month_day_problem
from sifasuo_desktop.services import office
from sifasuo_desktop.services import permissions as perm
from sifasuo_desktop.services.context import AppContext
from sifasuo_desktop.ui.dialogs.admin_common import attempt, fit_to_screen, read_only_note
from sifasuo_desktop.ui.widgets.form import FormKit, bind_save


class SettingsPagesDialog(QDialog):
    def __init__(self, ctx: AppContext, *, title: str, intro: str, groups: dict[str, list[str]],
                 labels: dict[str, str], limits: dict[str, tuple[int, int]], defaults: dict[str, Any],
                 current: dict[str, Any], parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.defaults, self.current = ctx, defaults, current
        self.setWindowTitle(title)
        self.read_only = not perm.can(ctx.user, perm.MANAGE_SETTINGS)
        layout = QVBoxLayout(self)
        intro_label = QLabel(intro)
        intro_label.setWordWrap(True)
        layout.addWidget(intro_label)
        if self.read_only:
            layout.addWidget(read_only_note(perm.MANAGE_SETTINGS))
        self.pages = QTabWidget()
        self.forms: list[FormKit] = []
        for page_title, keys in groups.items():
            form = FormKit()
            for key in keys:
                form.add(key, labels[key], self._editor(defaults[key], limits.get(key)))
            form.validate = _month_day_problems
            self.forms.append(form)
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setWidget(form)
            self.pages.addTab(scroll, page_title)
        layout.addWidget(self.pages, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel
                                        | QDialogButtonBox.RestoreDefaults)
        self.buttons.button(QDialogButtonBox.Save).setText("保存")
        self.buttons.button(QDialogButtonBox.RestoreDefaults).setText("恢复默认")
        self.buttons.button(QDialogButtonBox.RestoreDefaults).clicked.connect(self.restore_defaults)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._fill(current)
        if self.read_only:
            for form in self.forms:
                form.setEnabled(False)
            self.buttons.button(QDialogButtonBox.Save).hide()
            self.buttons.button(QDialogButtonBox.RestoreDefaults).hide()
            self.buttons.button(QDialogButtonBox.Cancel).setText("关闭")
        else:
            bind_save(self.buttons.button(QDialogButtonBox.Save), self.forms, self, self.save)
        fit_to_screen(self, 640, 560)

    @staticmethod
    def _editor(default: Any, limits: tuple[int, int] | None) -> QWidget:
        if isinstance(default, bool):
            return QCheckBox()
        if isinstance(default, int):
            spin = QSpinBox()
            spin.setRange(*limits)
            spin.setMinimumWidth(90)
            return spin
        edit = QLineEdit()
        edit.setPlaceholderText("月-日，例如 06-05")
        edit.setMaxLength(5)
        return edit

    def _fill(self, values: dict[str, Any]) -> None:
        for form in self.forms:
            for key in form.fields:
                form.set_value(key, values[key])
            form.revalidate()

    def values(self) -> dict[str, Any]:
        return {key: value for form in self.forms for key, value in form.values().items()}

    def restore_defaults(self) -> None:
        self._fill(self.defaults)

    def save(self) -> None:
        changed = {k: v for k, v in self.values().items() if v != self.current[k]}
        if attempt(self, lambda: office.save_settings(self.ctx, changed), self.forms):
            self.accept()


def _month_day_problems(values: dict[str, Any]) -> dict[str, str]:
    return {key: reason for key, value in values.items()
            if isinstance(value, str) and (reason := month_day_problem(value))}


def rules_dialog(ctx: AppContext, parent: QWidget | None = None) -> SettingsPagesDialog:
    return SettingsPagesDialog(
        ctx, title="规则参数", parent=parent,
        intro="期限、走访间隔和帮教期。工作台的到期提醒和统计报表按这里的数值计算；"
              "默认值是常见规定，可按本省要求修改。",
        groups=rules_module.GROUPS, labels=rules_module.LABELS, limits=rules_module.LIMITS,
        defaults=asdict(RuleSettings()), current=asdict(office.rules(ctx)))


def program_settings_dialog(ctx: AppContext, parent: QWidget | None = None) -> SettingsPagesDialog:
    return SettingsPagesDialog(
        ctx, title="程序设置", parent=parent,
        intro="登录安全、自动备份和打印份数。",
        groups=app_settings_module.GROUPS, labels=app_settings_module.LABELS, limits=app_settings_module.LIMITS,
        defaults=asdict(AppSettings()), current=asdict(office.app_settings(ctx)))
