"""The district window's tabs (read-only): 各所数据 and 重复列管.

The district sees what the offices sent and changes nothing: no tab here edits a record.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget,
)

from sifasuo_desktop.domain.idnumber import mask
from sifasuo_desktop.services import district_views, office
from sifasuo_desktop.services.context import AppContext
from sifasuo_desktop.ui.widgets.record_model import RecordTableModel, sorting_proxy, value_column
from sifasuo_desktop.ui.widgets.form import DateField

OFFICE_COLUMNS = [
    value_column("单位代码", lambda o: o.code),
    value_column("司法所", lambda o: o.name),
    value_column("数据包导出时间", lambda o: o.exported_at),
    value_column("导入时间", lambda o: o.imported_at),
    value_column("人员", lambda o: o.persons, align_right=True),
    value_column("在册(安置帮教)", lambda o: o.on_register, align_right=True),
    value_column("走访记录", lambda o: o.visits, align_right=True),
    value_column("调解案件", lambda o: o.mediation_cases, align_right=True),
    value_column("数据范围", lambda o: o.options),
    value_column("数据包文件", lambda o: o.file_name),
]


def read_only_table(model: RecordTableModel, name: str, sortable: bool = True) -> QTableView:
    """A table the user reads (and sorts by clicking a header, when ``sortable``)."""
    table = QTableView()
    table.setObjectName(name)
    table.setModel(sorting_proxy(model) if sortable else model)
    if sortable:
        table.setSortingEnabled(True)
        table.sortByColumn(0, Qt.AscendingOrder)
    table.setSelectionBehavior(QAbstractItemView.SelectRows)
    table.setEditTriggers(QAbstractItemView.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class DistrictOfficesTab(QWidget):
    TITLE = "各所数据"

    def __init__(self, ctx: AppContext, window):
        super().__init__()
        self.ctx, self.window_ = ctx, window
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        top.addWidget(self.summary, 1)
        self.import_button = QPushButton("导入数据包…")
        self.import_button.setObjectName("import_packages")
        self.import_button.clicked.connect(self._import)
        top.addWidget(self.import_button)
        layout.addLayout(top)
        self.model = RecordTableModel(OFFICE_COLUMNS, self)
        self.table = read_only_table(self.model, "offices")
        layout.addWidget(self.table)
        note = QLabel("汇总库中的数据只读；各所数据以其最近一次导入的数据包为准。重新导入某所更新的数据包会替换该所原有数据。")
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        layout.addWidget(note)
        self.refresh()

    def _import(self) -> None:
        from sifasuo_desktop.ui.exchange_actions import import_packages

        import_packages(self.window_)

    def refresh(self) -> None:
        rows = district_views.list_offices(self.ctx)
        self.model.set_rows(rows)
        latest = max((o.exported_at for o in rows if o.exported_at), default=None)
        self.summary.setText(
            f"共 {len(rows)} 个司法所，人员 {sum(o.persons for o in rows)}，"
            f"今日在册 {sum(o.on_register for o in rows)}"
            + (f"；最近数据包导出于 {latest:%Y-%m-%d %H:%M}" if latest else "；尚未导入数据包"))


class DistrictRegisterTab(QWidget):
    """Persons on the aftercare register of two or more offices on a day (人户分离 listed twice)."""

    TITLE = "重复列管"

    def __init__(self, ctx: AppContext, window):
        super().__init__()
        self.ctx = ctx
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel("在册日期"))
        self.day = DateField()
        self.day.setObjectName("day")
        self.day.set_value(ctx.today())
        self.day.setMaximumWidth(120)
        self.day.editingFinished.connect(self.refresh)
        top.addWidget(self.day)
        self.show_full = QCheckBox("显示完整公民身份号码")
        self.show_full.setObjectName("show_full")
        self.show_full.setChecked(not office.app_settings(ctx).mask_id_numbers)
        self.show_full.toggled.connect(self.refresh)
        top.addWidget(self.show_full)
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        top.addWidget(self.summary, 1)
        layout.addLayout(top)
        self.model = RecordTableModel([
            value_column("公民身份号码", lambda r: r.id_number, lambda n: n if self.show_full.isChecked() else mask(n)),
            value_column("姓名", lambda r: r.name),
            value_column("司法所", lambda r: f"{r.office_name}（{r.office_code}）"),
            value_column("村(社区)", lambda r: r.village),
            value_column("列管日期", lambda r: r.register_start),
            value_column("标记人户分离", lambda r: r.residence_mismatch),
        ], parent=self)
        self.table = read_only_table(self.model, "registered_twice", sortable=False)  # a person's rows together
        layout.addWidget(self.table)
        self.refresh()

    def refresh(self) -> None:
        try:
            day = self.day.value() or self.ctx.today()
        except ValueError as err:
            self.summary.setText(str(err))
            return
        rows = district_views.registered_twice(self.ctx, day)
        self.model.set_rows(rows)
        persons = len({r.id_number for r in rows})
        self.summary.setText(f"{day:%Y-%m-%d} 有 {persons} 人同时在两个及以上司法所在册" if persons
                             else f"{day:%Y-%m-%d} 没有在两个司法所重复在册的人员")
