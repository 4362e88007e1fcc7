"""The Excel import templates of DOMAIN §10: sheets, exact column headers, kinds and code lists.

One description serves the blank templates, the reader and the exported lists, so an exported
list can be imported again. A header is written with ``*`` when the column is required.
"""

from __future__ import annotations

from dataclasses import dataclass

from sifasuo_desktop.domain import codes

# Cell kinds: how a cell is read and written.
TEXT, ID, DATE, DATES, FLAG, INT, MONEY, NAMES = "text", "id", "date", "dates", "flag", "int", "money", "names"
NAME_SEPARATOR = "、"
YES, NO = "是", "否"

KIND_FORMATS = {
    TEXT: "文字",
    ID: "18位号码（文本格式）",
    DATE: "日期，如 2024-03-01",
    DATES: "日期，多个用“、”分隔",
    FLAG: "是 / 否",
    INT: "整数",
    MONEY: "金额（元），可带两位小数",
    NAMES: "姓名，多个用“、”分隔",
}


@dataclass(frozen=True)
class Column:
    header: str                         # exact header, without the ``*``
    key: str                            # code name used by the importer and the exporter
    kind: str = TEXT
    required: bool = False
    choices: tuple[str, ...] = ()       # drop-down list in the template
    strict: bool = True                 # False: other values (codes) are also accepted
    width: int = 12
    note: str = ""                      # what the 说明 sheet says

    @property
    def title(self) -> str:
        return self.header + ("*" if self.required else "")


@dataclass(frozen=True)
class SheetSpec:
    kind: str                           # roster / visits / mediation
    name: str                           # the sheet's exact name
    columns: tuple[Column, ...]

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)

    @property
    def headers(self) -> dict[str, Column]:
        return {c.header: c for c in self.columns}


_ETHNICITY_NAMES = tuple(codes.ETHNICITIES.values())
_PLACEMENT_NAMES = tuple(codes.PLACEMENT_METHODS.values())
# 委托移送 may name the referring organ: 委托移送(法院).
CASE_SOURCE_CHOICES = tuple(codes.CASE_SOURCES) + tuple(f"委托移送({o})" for o in codes.REFERRING_ORGANS)

ROSTER = SheetSpec("roster", "安置帮教对象", (
    Column("姓名", "name", required=True, width=10),
    Column("公民身份号码", "id_number", ID, required=True, width=21,
           note="18位（15位旧号码自动升为18位）；校验位错误的号码不能导入"),
    Column("性别", "sex", choices=("男", "女"), width=6, note="空白时按公民身份号码填写；填写时须与号码一致"),
    Column("民族", "ethnicity", choices=_ETHNICITY_NAMES, strict=False, width=8,
           note="民族名称或两位代码（GB 3304），如 汉族 或 01"),
    Column("出生日期", "birth_date", DATE, note="空白时按公民身份号码填写；填写时须与号码一致"),
    Column("文化程度", "education", choices=tuple(codes.EDUCATION_LEVELS), width=10),
    Column("户籍地址", "household_address", width=24),
    Column("居住地址", "residence_address", width=24),
    Column("所属村(社区)", "village", required=True, strict=False, width=12,
           note="本所的村(社区)名称；尚未建立的村(社区)导入时自动新增"),
    Column("联系电话", "phone", width=14),
    Column("人户分离", "residence_mismatch", FLAG, choices=(YES, NO), width=8),
    Column("罪名", "charge", width=12),
    Column("原判刑期", "original_sentence", width=10, note="如 三年六个月"),
    Column("来源", "source", required=True, choices=tuple(codes.AFTERCARE_SOURCES), width=14),
    Column("释放日期", "release_date", DATE, required=True, note="刑满释放或解除社区矫正的日期"),
    Column("迁入日期", "transfer_in_date", DATE, note="来源为外地迁入时必填，不能早于释放日期"),
    Column("衔接日期", "handover_date", DATE, note="不能早于释放日期"),
    Column("衔接方式", "handover_method", choices=tuple(codes.HANDOVER_METHODS), width=10),
    Column("帮教类别", "category", required=True, choices=tuple(codes.CATEGORIES), width=8),
    Column("重点原因", "category_reason", width=14, note="帮教类别为重点时填写"),
    Column("三无人员", "three_nos", FLAG, choices=(YES, NO), width=8),
    Column("帮教协议签订日期", "agreement_date", DATE, width=16),
    Column("安置方式", "placement_method", choices=_PLACEMENT_NAMES, strict=False, width=18,
           note="名称或两位代码，如 灵活就业(务工) 或 03；空白为未安置"),
    Column("安置日期", "placement_date", DATE, note="填写安置方式时必填"),
    Column("减少日期", "removal_date", DATE, note="帮教期内提前减少（死亡、迁出等）的日期；不能早于列管日期"),
    Column("减少原因", "removal_reason", choices=tuple(codes.REMOVAL_REASONS), width=16,
           note="填写减少日期时必填"),
    Column("重新违法犯罪日期", "reoffense_date", DATE, width=16),
    Column("重新违法犯罪类别", "reoffense_kind", choices=tuple(codes.REOFFENSE_KINDS), width=16,
           note="填写重新违法犯罪日期时必填"),
    Column("备注", "notes", width=20),
))

VISITS = SheetSpec("visits", "走访记录", (
    Column("公民身份号码", "id_number", ID, required=True, width=21,
           note="须是本文件“安置帮教对象”表中或系统中已有的人员"),
    Column("走访日期", "visit_date", DATE, required=True),
    Column("方式", "visit_type", required=True, choices=tuple(codes.VISIT_TYPES), width=10),
    Column("走访人", "staff", width=14),
    Column("内容", "content", width=40),
))

MEDIATION = SheetSpec("mediation", "人民调解台账", (
    Column("编号", "number", width=18, note="如 〔2024〕第12号；空白时按受理年份自动编号"),
    Column("受理日期", "acceptance_date", DATE, required=True),
    Column("纠纷类型", "dispute_type", required=True, choices=tuple(codes.DISPUTE_TYPES), width=12),
    Column("案件来源", "source", required=True, choices=CASE_SOURCE_CHOICES, width=16,
           note="委托移送可注明移送机关，如 委托移送(法院)"),
    Column("申请人", "applicants", NAMES, required=True, width=16),
    Column("被申请人", "respondents", NAMES, required=True, width=16),
    Column("纠纷简要情况", "summary", width=30),
    Column("调解员", "mediators", NAMES, required=True, width=14),
    Column("调解结果", "result", required=True, choices=tuple(codes.MEDIATION_RESULTS), width=10),
    Column("结案日期", "concluded_date", DATE, note="调解结果为成功或不成功时必填"),
    Column("协议形式", "agreement_form", choices=tuple(codes.AGREEMENT_FORMS), width=10,
           note="调解成功时必填"),
    Column("协议金额(元)", "agreement_amount", MONEY, width=14),
    Column("履行情况", "performance_status", choices=tuple(codes.PERFORMANCE_STATUSES), width=10),
    Column("司法确认日期", "judicial_confirm_date", DATE, width=14),
    Column("防止民转刑(人)", "prevent_criminal", INT, width=14),
    Column("防止群体性上访(人)", "prevent_petition", INT, width=18),
    Column("防止群体性械斗(人)", "prevent_fight", INT, width=18),
    Column("防止自杀(人)", "prevent_suicide", INT, width=14),
    Column("回访日期", "followup_dates", DATES, width=14),
))

SHEETS: dict[str, SheetSpec] = {s.kind: s for s in (ROSTER, VISITS, MEDIATION)}
SHEETS_BY_NAME: dict[str, SheetSpec] = {s.name: s for s in SHEETS.values()}
HELP_SHEET, CODES_SHEET = "说明", "代码表"
