"""What the person forms print: plain, already formatted text (the services layer fills them).

Dates arrive as the text to print (``2024年3月1日``), flags as ``是``/``否``, codes as their names.
An empty string prints an empty cell.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class HelperRow:
    """One member of a person's 帮教小组."""

    name: str
    role: str = ""  # 司法所 / 派出所 / 村(居)干部 / 家属 / 志愿者 / 其他
    unit: str = ""  # 工作单位或与本人关系
    phone: str = ""


@dataclass(frozen=True)
class AftercareRegistrationData:
    """安置帮教对象基本情况登记表."""

    name: str
    archive_no: str = ""  # 档案号
    dossier_date: str = ""  # 建档日期
    former_name: str = ""
    sex: str = ""
    ethnicity: str = ""
    birth_date: str = ""
    id_number: str = ""
    education: str = ""
    marital_status: str = ""
    health: str = ""
    village: str = ""  # 所属村(社区)
    phone: str = ""
    household_address: str = ""
    residence_address: str = ""
    residence_mismatch: str = ""  # 人户分离 是/否
    three_nos: str = ""  # 三无人员 是/否
    work_unit: str = ""
    charge: str = ""  # 罪名
    original_sentence: str = ""  # 原判刑期
    prison: str = ""  # 原服刑场所
    source: str = ""  # 来源
    release_date: str = ""
    register_start: str = ""  # 列管日期
    expiry: str = ""  # 帮教期满日期
    handover_date: str = ""  # 衔接日期
    handover_method: str = ""
    category: str = ""  # 帮教类别 重点/一般
    category_reason: str = ""
    agreement_date: str = ""  # 帮教协议签订日期
    placement: str = ""  # 安置情况 (date, method, employer)
    reoffense: str = ""  # 重新违法犯罪 (date, kind, charge, handling)
    removal: str = ""  # 减少情况 (date and reason), empty while on register
    helpers: tuple[HelperRow, ...] = ()
    family_members: str = ""
    notes: str = ""
    photo: bytes | None = None  # JPEG/PNG


@dataclass(frozen=True)
class CorrectionInfoData:
    """社区矫正对象基本信息表 (field order of DOMAIN §8)."""

    name: str
    number: str = ""  # 编号
    fill_date: str = ""  # 填表日期
    former_name: str = ""
    id_number: str = ""
    sex: str = ""
    ethnicity: str = ""
    birth_date: str = ""
    education: str = ""
    health: str = ""
    political_status: str = ""  # 原政治面貌
    marital_status: str = ""
    household_address: str = ""  # 户籍地
    residence_address: str = ""  # 居住地
    execution_place: str = ""  # 执行地
    work_unit: str = ""
    phone: str = ""
    charge: str = ""  # 罪名
    sentence_kind: str = ""  # 刑种
    original_sentence: str = ""  # 原判刑期
    decision_organ: str = ""
    custody_place: str = ""  # 原羁押场所
    prohibition: str = ""  # 禁止令内容
    prohibition_period: str = ""  # 禁止期限起止日
    additional_penalty: str = ""  # 附加刑
    kind: str = ""  # 矫正类别
    term_text: str = ""  # 矫正期限 (二年)
    term_period: str = ""  # 起止日 (2024年1月1日至2026年12月31日)
    documents: str = ""  # 法律文书收到时间及种类
    reception: str = ""  # 接收方式及报到时间
    report_status: str = ""  # 报到情况
    crime_facts: str = ""  # 主要犯罪事实
    prior_record: str = ""  # 前科
    resume: str = ""  # 个人简历
    family_members: str = ""  # 家庭成员及主要社会关系
    notes: str = ""
    photo: bytes | None = None  # JPEG/PNG
