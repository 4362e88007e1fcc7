"""走访计划 of one month, by village (A4 landscape): who is due or overdue, the last visit, address,
phone and the 帮教小组 contact, with blank columns for the field worker's notes. Blank: empty rows."""

from __future__ import annotations

from sifasuo_desktop.reports.pdf.grid import Block, Document, Grid, Line, Paragraph, Title, blank, label, render, row
from sifasuo_desktop.reports.pdf.grid import value as cell
from sifasuo_desktop.reports.pdf.visit_data import PlanRow, PlanVillage, VisitPlanData

HEADERS = ("序号", "姓名", "类别", "走访事项", "到期日", "状态", "最近走访", "住址", "联系电话", "帮教小组联系人",
           "走访日期", "走访情况及签名")
COLUMNS = (5, 11, 8, 16, 14, 12, 13, 30, 17, 20, 13, 31)     # on A4 landscape (257 mm of text width)
BLANK_ROWS = 12
SIZE = 9.5


def _cells(n: int, r: PlanRow) -> list:
    return [cell(str(n), align="center"), cell(r.name), cell(r.category, align="center"), cell(r.items),
            cell(r.due_date), cell(r.state, align="center", bold=r.state == "逾期"), cell(r.last_visit or "无"),
            cell(r.address), cell(r.phone), cell(r.helper), cell(""), cell("")]


def _table(rows: tuple[PlanRow, ...] | None) -> Grid:
    head = row(*(label(text, size=SIZE) for text in HEADERS))
    if rows is None:
        body = [row(*(cell("") for _ in HEADERS), height=11) for _ in range(BLANK_ROWS)]
    else:
        body = [row(*_cells(n, r), height=11) for n, r in enumerate(rows, start=1)]
    return Grid([head, *body], columns=COLUMNS, header_rows=1, size=SIZE, row_height=8)


def _village(village: PlanVillage) -> list[Block]:
    contact = f"　村(社区)联系人：{village.contact}" if village.contact else ""
    return [Paragraph(f"{village.name}（{len(village.rows)}人）{contact}", bold=True, size=11, space_before=2),
            _table(village.rows)]


def visit_plan_blocks(data: VisitPlanData | None) -> list[Block]:
    if data is None:
        return [Title("走访计划"), Line(left=f"月份：{blank(3)}年{blank(2)}月", right=f"村(社区)：{blank(6)}"),
                _table(None)]
    blocks: list[Block] = [Title(f"{data.month}走访计划"),
                           Line(left=f"单位：{data.office_name}", right=f"打印日期：{data.printed}")]
    if not data.villages:
        blocks.append(Paragraph("本月没有到期或逾期的走访。", indent=2, space_before=4))
    for village in data.villages:
        blocks += _village(village)
    return blocks


def render_visit_plan(data: VisitPlanData | None, office_name: str) -> bytes:
    return render(Document(blocks=visit_plan_blocks(data), header=office_name, title="走访计划", landscape=True))
