"""Chinese names of tables and columns, so the 操作日志 shows 姓名 instead of ``name``.

Lookup order: ``table.column``, then ``column``; unknown names are shown as they are.
Setting keys (``setting`` rows) use the labels of the settings dialogs.
"""

from __future__ import annotations

from sifasuo_desktop.core.settings import LABELS as APP_SETTING_LABELS
from sifasuo_desktop.domain.rules import LABELS as RULE_LABELS

TABLES: dict[str, str] = {
    "office": "司法所", "village": "村(社区)", "user_account": "用户", "setting": "设置",
    "attachment": "附件", "person": "人员档案", "aftercare_term": "帮教期", "category_change": "帮教类别",
    "flag_period": "标记", "placement": "安置", "reoffense": "重新违法犯罪", "status_event": "状态事件",
    "helper_member": "帮教小组成员", "correction_term": "社区矫正", "supervision_level_change": "管理等级",
    "correction_activity": "矫正活动", "visit": "走访记录", "due_postponement": "到期事项延期",
    "mediation_case": "调解案件", "mediation_party": "当事人", "mediation_mediator": "调解员",
    "mediation_record": "调解记录", "mediation_followup": "回访记录", "frozen_report": "已报送报表",
    "package_import": "数据包导入",
}

_COLUMNS: dict[str, str] = {
    # shared
    "name": "名称", "code": "代码", "phone": "联系电话", "notes": "备注", "deleted_at": "删除时间",
    "created_at": "建立时间", "sort_order": "排序", "person_id": "人员", "term_id": "帮教期",
    "case_id": "案件", "correction_term_id": "矫正期", "reason": "原因", "kind": "类别",
    "start_date": "开始日期", "end_date": "结束日期", "effective_date": "生效日期", "content": "内容",
    "charge": "罪名", "original_sentence": "原判刑期", "address": "地址", "id_number": "公民身份号码",
    "sex": "性别", "ethnicity": "民族", "birth_date": "出生日期", "role": "角色", "staff": "工作人员",
    "recorder": "记录人", "place": "地点", "method": "方式", "result": "结果", "summary": "摘要",
    # office, village, users
    "office.name": "司法所名称", "office.code": "单位代码", "county": "上级司法局", "head_name": "所长",
    "committee_name": "人民调解委员会", "village.name": "村(社区)名称", "contact_name": "联系人",
    "contact_phone": "联系电话", "username": "登录名", "display_name": "姓名", "active": "启用",
    "locked_until": "锁定至", "failed_attempts": "连续错误次数", "last_login_at": "最近登录",
    # person
    "person.name": "姓名", "archive_no": "档案号", "former_name": "曾用名", "education": "文化程度",
    "id_number_verified": "号码经核实无误", "health": "健康状况", "political_status": "政治面貌",
    "marital_status": "婚姻状况", "village_id": "村(社区)", "household_address": "户籍地址",
    "residence_address": "居住地址", "work_unit": "工作单位", "resume": "个人简历",
    "family_members": "家庭成员", "prior_record": "前科",
    # aftercare
    "source": "来源", "release_date": "释放日期", "transfer_in_date": "迁入日期", "register_start": "入册日期",
    "term_years": "帮教期(年)", "expiry": "帮教期满日", "removal_date": "减少日期", "removal_reason": "减少原因",
    "aftercare_term.end_date": "帮教期终止日", "notice_date": "通知书收到日期", "dossier_date": "建档日期",
    "handover_date": "衔接日期", "handover_method": "衔接方式", "agreement_date": "帮教协议签订日期",
    "prison": "原服刑场所", "category": "帮教类别", "flag": "标记", "placement_date": "安置日期",
    "employer": "就业单位", "offense_date": "违法犯罪日期", "handling": "处理情况", "event_date": "日期",
    "unit": "单位",
    # correction
    "sentence_kind": "刑种", "additional_penalty": "附加刑", "decision_organ": "决定机关",
    "custody_place": "原羁押场所", "judgment_effective_date": "判决生效日期", "term_text": "矫正期限",
    "documents_received_date": "法律文书收到日期", "documents_kinds": "法律文书种类",
    "reception_method": "接收方式", "report_date": "报到日期", "report_status": "报到情况",
    "prohibition": "禁止令", "prohibition_start": "禁止令开始", "prohibition_end": "禁止令结束",
    "execution_place": "执行地", "crime_facts": "主要犯罪事实", "actual_end_date": "实际解矫日期",
    "end_reason": "解矫原因", "level": "管理等级", "activity_date": "日期", "hours": "时长(小时)",
    # visits
    "visit_date": "走访日期", "visit_type": "走访方式", "participants": "参加人员", "problems": "存在问题",
    "help_given": "帮扶措施", "next_step": "下一步工作", "reviewer": "考察人",
    # mediation
    "acceptance_date": "受理日期", "dispute_type": "纠纷类型", "referring_organ": "移送单位",
    "amount_involved": "涉及金额", "people_involved": "涉及人数", "concluded_date": "结案日期",
    "agreement_form": "协议形式", "agreement_amount": "协议金额", "performance_status": "履行情况",
    "judicial_confirm_date": "司法确认日期", "followup_date": "回访日期", "occupation": "职业",
    "age": "年龄", "closed": "已结案",
}


def table_label(table: str | None) -> str:
    return TABLES.get(table or "", table or "")


def column_label(table: str | None, column: str) -> str:
    if table == "setting":
        return RULE_LABELS.get(column) or APP_SETTING_LABELS.get(column) or column
    return _COLUMNS.get(f"{table}.{column}") or _COLUMNS.get(column) or column
