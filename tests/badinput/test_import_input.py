"""Bad input to 导入Excel (services.excel_import): each error class once.

Files that are no import workbook are refused with a Chinese reason; a workbook with errors imports
nothing and lists each problem by sheet, row and column in Chinese; a full disk while importing
leaves nothing half-imported. After each, a correct workbook imports. (tests/services/
test_excel_import.py goes through every rule of every column; this suite names the classes.)
"""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest
from badinput_checks import assert_clear_chinese, copy_to, row_counts
from excel_files import id_number, record, titles, xlsx

from sifasuo_desktop.core.errors import StorageError, UserError
from sifasuo_desktop.services import office, persons
from sifasuo_desktop.services.context import open_database
from sifasuo_desktop.services.excel_import import import_excel

A, B = id_number("19900307", "123"), id_number("19851212", "246")
ROSTER, VISITS, MEDIATION = "安置帮教对象", "走访记录", "人民调解台账"


def person(**values):
    base = dict(name="张三", id_number=A, village="东街社区", source="监狱刑满释放", release_date="2024-03-01",
                category="一般")
    return record("roster", **{**base, **values})


def visit(**values):
    return record("visits", **{"id_number": A, "visit_date": "2024-05-01", "visit_type": "家访", **values})


def case(**values):
    base = dict(acceptance_date="2025-03-01", dispute_type="邻里", source="当事人申请", applicants="甲某",
                respondents="乙某", mediators="陈一", result="调解中")
    return record("mediation", **{**base, **values})


def book(roster=(), visits=None, mediation=None, headers=None) -> bytes:
    sheets = {ROSTER: [headers or titles("roster"), *roster]} if roster else {}
    if visits is not None:
        sheets[VISITS] = [titles("visits"), *visits]
    if mediation is not None:
        sheets[MEDIATION] = [titles("mediation"), *mediation]
    return xlsx(sheets)


GOOD = book([person(name="李四", id_number=B, release_date="2024-06-01")])


def imports_afterwards(ctx):
    def check() -> None:
        assert import_excel(ctx, GOOD).imported
    return check


def damaged_sheet() -> bytes:
    """100 good rows whose sheet is cut off after its first third (the header and ~30 rows are
    readable): refused whole, never the readable rows imported."""
    rows = [person(name=f"张{i}", id_number=id_number("19900307", f"{i:03d}")) for i in range(1, 200, 2)]
    source = zipfile.ZipFile(io.BytesIO(book(rows)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            target.writestr(item, data[: len(data) // 3] if item.filename.startswith("xl/worksheets/") else data)
    return out.getvalue()


FILE_CLASSES = [
    ("empty-file", b"", "文件是空的"),
    ("old-xls-or-password", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2000), "旧版 Excel（.xls）"),
    ("csv-renamed", "姓名,公民身份号码\n张三,410101199003071234\n".encode("gbk"), "CSV 或文本文件"),
    ("other-binary-file", bytes(range(256)) * 20, "不是 Excel 工作簿"),
    ("zip-but-not-a-workbook", None, "其中没有工作簿内容"),
    ("no-template-sheet", xlsx({"Sheet1": [titles("roster"), person()]}), "没有可导入的工作表"),
    ("sheet-cut-off", None, "工作簿已损坏"),
    ("headers-only", book(visits=[]), "没有数据"),
]


def _zip_of_text() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        target.writestr("readme.txt", "不是工作簿")
    return out.getvalue()


@pytest.mark.parametrize("data, words", [c[1:] for c in FILE_CLASSES], ids=[c[0] for c in FILE_CLASSES])
def test_file_that_is_no_import_workbook(ctx, refused, data, words):
    data = {"其中没有工作簿内容": _zip_of_text, "工作簿已损坏": damaged_sheet}.get(words, lambda: data)()
    refused(lambda: import_excel(ctx, data), words, error=UserError, then=imports_afterwards(ctx))


ROW_CLASSES = [
    ("header-row-not-found", book([person()], headers=["甲", "乙", "丙"]), ROSTER, None, "找不到表头"),
    ("required-column-missing", book([person()[1:]], headers=titles("roster")[1:]), ROSTER, "姓名*", "缺少必填列"),
    ("column-twice", book([person() + ["张三"]], headers=titles("roster") + ["姓名*"]), ROSTER, "姓名*", "重复出现"),
    ("required-cell-empty", book([person(name=None)]), ROSTER, "姓名*", "必须填写"),
    ("date-cell-unreadable", book([person(release_date="三月一日")]), ROSTER, "释放日期*", "不是有效日期"),
    ("yes-no-cell-unreadable", book([person(three_nos="也许")]), ROSTER, "三无人员", "应填“是”或“否”"),
    ("id-number-stored-as-a-number", book([person(id_number=float(A[:15] + "000"))]), ROSTER, "公民身份号码*",
     "存成了数字"),
    ("id-number-check-character", book([person(id_number=A[:17] + ("0" if A[17] != "0" else "1"))]), ROSTER,
     "公民身份号码*", "校验位错误"),
    ("transfer-in-without-date", book([person(source="外地迁入")]), ROSTER, "迁入日期", "须填写迁入日期"),
    ("address-100000-characters", book([person(household_address="东街" * 50_000)]), ROSTER, "户籍地址",
     "最多200个字"),
    ("same-number-two-names", book([person(), person(name="张三丰", release_date="2025-06-01")]), ROSTER, "姓名*",
     "姓名不同"),
    ("terms-overlap", book([person(), person(release_date="2026-01-01")]), ROSTER, "释放日期*", "帮教期重叠"),
    ("visit-of-unknown-person", book([person()], [visit(id_number=B)]), VISITS, "公民身份号码*", "没有该公民身份号码"),
    ("visit-type-unknown", book([person()], [visit(visit_type="微信")]), VISITS, "方式*", "方式应为"),
    ("case-concluded-before-acceptance", book(mediation=[case(result="成功", concluded_date="2025-02-01",
                                                              agreement_form="书面")]),
     MEDIATION, "结案日期", "不能早于受理日期"),
    ("case-number-twice", book(mediation=[case(number="〔2025〕第3号"), case(number="〔2025〕3号")]), MEDIATION, "编号",
     "编号重复"),
]


@pytest.mark.parametrize("data, sheet, column, words", [c[1:] for c in ROW_CLASSES], ids=[c[0] for c in ROW_CLASSES])
def test_workbook_with_errors_imports_nothing(ctx, data, sheet, column, words):
    before = row_counts(ctx.path)
    result = import_excel(ctx, data)
    assert not result.imported
    found = [i for i in result.errors if i.sheet == sheet and (column is None or i.column == column)]
    assert found and any(words in i.reason for i in found), [(i.sheet, i.row, i.column, i.reason) for i in result.errors]
    for problem in found:
        assert_clear_chinese(problem.reason, "")
    assert_clear_chinese(result.summary(), "未导入任何数据")
    assert row_counts(ctx.path) == before
    assert import_excel(ctx, GOOD).imported


def test_person_in_the_recycle_bin(ctx):
    """A row for a dossier that is in the 回收站: an error naming the recycle bin, nothing imported."""
    pid = persons.create_person(ctx, persons.PersonInput("张三", A, village_id=office.list_villages(ctx)[0].id),
                                aftercare=[persons.AftercareInput("监狱刑满释放", date(2024, 3, 1))])
    persons.delete_person(ctx, pid)
    before = row_counts(ctx.path)
    result = import_excel(ctx, book([person(release_date="2025-06-01")]))
    assert not result.imported and any("回收站" in i.reason for i in result.errors)
    assert row_counts(ctx.path) == before
    assert import_excel(ctx, GOOD).imported


def test_full_disk_while_importing(ctx, small_disk, refused):
    """The disk fills up during an import: nothing of the workbook is in the database."""
    target = copy_to(ctx, small_disk.folder)
    on_disk = open_database(target, today=ctx.today()).as_user(ctx.user)
    many = book([person(name=f"张{i}", id_number=id_number("19900307", f"{i:03d}"), household_address="东街" * 90)
                 for i in range(1, 400, 2)])
    small_disk.fill(on_disk)
    refused(lambda: import_excel(on_disk, many), "磁盘", error=StorageError, db=target, then=small_disk.free)
    result = import_excel(on_disk, many)
    assert result.imported and result.persons_created == 200
    on_disk.dispose()
