"""The two person forms of the dossier (DOMAIN §8), filled from data or blank (``data=None``).

    render_aftercare_registration(data: AftercareRegistrationData | None, office_name) -> bytes
    render_correction_info(data: CorrectionInfoData | None, office_name) -> bytes

``aftercare_registration(...)`` and ``correction_info(...)`` return the ``Document`` itself, for a
bundle (the dossier) that puts several forms one after another: ``[*doc.blocks, PageBreak(), ...]``.

Both are grids without columns: every cell is placed by its edges in mm across the 170 mm table
(see grid.py). Left of the photo box (140–170 mm) rows hold three fields (``_THREE``) or four
(``_FOUR``); below it the last value runs to the right edge. A blank form offers tick boxes
where the answer is one of a fixed list.
"""

from __future__ import annotations

from collections.abc import Sequence

from sifasuo_desktop.domain import codes
from sifasuo_desktop.reports.pdf.grid import (
    FILL, Document, Grid, Line, PageBreak, Title, blank, choices, date_text, fields, label, photo,
    render, row, signature, value,
)
from sifasuo_desktop.reports.pdf.person_data import (
    AftercareRegistrationData, CorrectionInfoData, HelperRow,
)

__all__ = [
    "AftercareRegistrationData", "CorrectionInfoData", "HelperRow",
    "aftercare_registration", "correction_info", "render_aftercare_registration",
    "render_correction_info",
]

_PHOTO = (140, 170)
_ONE = (0, 20)
_TWO = (0, 20, 82, 102)
_THREE = (0, 20, 41, 61, 82, 102)
_FOUR = (0, 20, 35, 55, 70, 90, 105, 125)
_THREE_WIDE = (0, 20, 58, 76, 96, 114)  # below the photo: wide first and last values
_WIDE = (0, 41)  # long labels: 法律文书收到时间及种类
_ROW = 8.5  # mm, the height of a one-line row
_HELPER_ROWS = 4  # rows of the 帮教小组 table on a blank form (and at least that many filled)


class _Fill:
    """Reads fields of a data object, or gives the blank-form text when there is no data."""

    def __init__(self, data):
        self.data = data

    def __call__(self, attr: str) -> str:
        return getattr(self.data, attr) if self.data is not None else ""

    def pick(self, attr: str, options: Sequence[str]) -> str:
        return self(attr) if self.data is not None else choices(options)

    def date(self, attr: str) -> str:
        return self(attr) if self.data is not None else date_text(None)


def _identity_rows(f: _Fill, id_label: str) -> list:
    """The top of both forms: name and 公民身份号码 beside the photo box, then sex and birth."""
    return [
        row(fields(_THREE, ("姓名", f("name")), ("曾用名", f("former_name")), (id_label, f("id_number")), end=140),
            photo(f("photo") or None, rowspan=4, at=_PHOTO)),
        row(fields(_THREE, ("性别", f("sex")), ("民族", f("ethnicity")), ("出生日期", f("birth_date")), end=140)),
    ]


def _form(title: str, office_name: str, center: str, right: str, blocks: list) -> Document:
    """A form headed by its title and the line 填表单位 / ``center`` / ``right``."""
    return Document(header=office_name, title=title, blocks=[
        Title(title),
        Line(left=f"填表单位：{office_name}", center=center, right=right),
        *blocks,
    ])


def _helper_rows(helpers: Sequence[HelperRow], blank_form: bool) -> list:
    count = _HELPER_ROWS if blank_form else max(len(helpers), 1)
    members = list(helpers) + [HelperRow("")] * (count - len(helpers))
    stops = ((20, 41), (41, 66), (66, 125), (125, 170))
    head = [label(text, at=at) for text, at in zip(("姓名", "身份", "工作单位或与本人关系", "联系电话"), stops)]
    rows = [row(label("帮教小组成员", rowspan=count + 1, at=_ONE), head)]
    for member in members:
        texts = (member.name, member.role, member.unit, member.phone)
        rows.append(row([value(text, at=at) for text, at in zip(texts, stops)]))
    return rows


def render_aftercare_registration(data: AftercareRegistrationData | None, office_name: str) -> bytes:
    return render(aftercare_registration(data, office_name))


def render_correction_info(data: CorrectionInfoData | None, office_name: str) -> bytes:
    return render(correction_info(data, office_name))


def aftercare_registration(data: AftercareRegistrationData | None, office_name: str) -> Document:
    f = _Fill(data)
    rows = [
        *_identity_rows(f, "公民身份号码"),
        row(fields(_THREE, ("文化程度", f("education")), ("婚姻状况", f("marital_status")),
                   ("健康状况", f("health")), end=140)),
        row(fields(_TWO, ("所属村(社区)", f("village")), ("联系电话", f("phone")), end=140)),
        row(fields(_ONE, ("户籍地址", f("household_address")))),
        row(fields(_TWO, ("居住地址", f("residence_address")),
                   ("人户分离", f.pick("residence_mismatch", ("是", "否"))))),
        row(fields(_TWO, ("工作单位", f("work_unit")), ("三无人员", f.pick("three_nos", ("是", "否"))))),
        row(fields(_TWO, ("罪名", f("charge")), ("原判刑期", f("original_sentence")))),
        row(fields(_TWO, ("来源", f.pick("source", codes.AFTERCARE_SOURCES)), ("原服刑场所", f("prison")))),
        row(fields(_TWO, ("释放日期", f.date("release_date")), ("列管日期", f.date("register_start")))),
        row(fields(_TWO, ("帮教期满日期", f.date("expiry")), ("衔接日期", f.date("handover_date")))),
        row(fields(_TWO, ("衔接方式", f.pick("handover_method", codes.HANDOVER_METHODS)),
                   ("帮教协议签订日期", f.date("agreement_date")))),
        row(fields(_TWO, ("帮教类别", f.pick("category", codes.CATEGORIES)),
                   ("重点原因", f("category_reason")))),
        row(fields(_ONE, ("安置情况", f("placement")))),
        row(fields(_TWO, ("重新违法犯罪", f("reoffense")), ("减少情况", f("removal")))),
        *_helper_rows(data.helpers if data else (), data is None),
        row(fields(_ONE, ("家庭成员及主要社会关系", f("family_members"))), height=18),
        row(fields(_ONE, ("备注", f("notes"))), height=13),
    ]
    return _form("安置帮教对象基本情况登记表", office_name, f"档案号：{f('archive_no')}",
                 f"建档日期：{f.date('dossier_date')}", [
                     Grid(rows, row_height=_ROW),
                     signature(f"填表人：{blank(6)}", f"审核人：{blank(6)}", space_before=2),
                 ])


def correction_info(data: CorrectionInfoData | None, office_name: str) -> Document:
    """Two pages, like the paper form: identity and sentence on the first, the long text fields
    on the second (headed by the name, so a loose sheet finds its file)."""
    f = _Fill(data)
    first = [
        *_identity_rows(f, "身份证号码"),
        row(fields(_FOUR, ("文化程度", f("education")), ("健康状况", f("health")),
                   ("原政治面貌", f("political_status")), ("婚姻状况", f("marital_status")), end=140)),
        row(fields(_ONE, ("户籍地", f("household_address")), end=140)),
        row(fields(_ONE, ("居住地", f("residence_address")))),
        row(fields(_ONE, ("执行地", f("execution_place")))),
        row(fields(_TWO, ("工作单位", f("work_unit")), ("联系电话", f("phone")))),
        row(fields(_THREE_WIDE, ("罪名", f("charge")), ("刑种", f("sentence_kind")),
                   ("原判刑期", f("original_sentence")))),
        row(fields(_TWO, ("决定机关", f("decision_organ")), ("原羁押场所", f("custody_place")))),
        row(fields(_TWO, ("禁止令内容", f("prohibition")), ("禁止期限起止日", f("prohibition_period")))),
        row(fields(_ONE, ("附加刑", f("additional_penalty")))),
        row(fields(_THREE_WIDE, ("矫正类别", f.pick("kind", codes.CORRECTION_KINDS)),
                   ("矫正期限", f("term_text")), ("起止日", f("term_period")))),
        row(fields(_WIDE, ("法律文书收到时间及种类", f("documents")))),
        row(fields(_WIDE, ("接收方式及报到时间", f("reception")))),
        row(fields(_ONE, ("报到情况", f.pick("report_status", codes.REPORTING_STATUSES)))),
        row(fields(_ONE, ("主要犯罪事实", f("crime_facts"))), height=FILL),
    ]
    second = [
        row(fields(_ONE, ("前科", f("prior_record"))), height=40),
        row(fields(_ONE, ("个人简历", f("resume"))), height=75),
        row(fields(_ONE, ("家庭成员及主要社会关系", f("family_members"))), height=75),
        row(fields(_ONE, ("备注", f("notes"))), height=FILL),
    ]
    return _form("社区矫正对象基本信息表", office_name, f"编号：{f('number')}", f"填表日期：{f.date('fill_date')}", [
        Grid(first, row_height=_ROW),
        PageBreak(),
        Line(left=f"姓名：{f('name') or blank(5)}", right=f"编号：{f('number') or blank(5)}"),
        Grid(second, row_height=_ROW),
    ])
