"""Code lists of DOMAIN §5 and the fixed vocabularies of §2–§6 and §10.

They are data: a province that differs edits the lists in the settings (the lists here are the
defaults). Names follow the code names of DOMAIN §2.
"""

from __future__ import annotations

SEXES = {"1": "男", "2": "女", "0": "未知", "9": "未说明"}

ETHNICITIES = {
    "01": "汉族", "02": "蒙古族", "03": "回族", "04": "藏族", "05": "维吾尔族", "06": "苗族",
    "07": "彝族", "08": "壮族", "09": "布依族", "10": "朝鲜族", "11": "满族", "12": "侗族",
    "13": "瑶族", "14": "白族", "15": "土家族", "16": "哈尼族", "17": "哈萨克族", "18": "傣族",
    "19": "黎族", "20": "傈僳族", "21": "佤族", "22": "畲族", "23": "高山族", "24": "拉祜族",
    "25": "水族", "26": "东乡族", "27": "纳西族", "28": "景颇族", "29": "柯尔克孜族", "30": "土族",
    "31": "达斡尔族", "32": "仫佬族", "33": "羌族", "34": "布朗族", "35": "撒拉族", "36": "毛南族",
    "37": "仡佬族", "38": "锡伯族", "39": "阿昌族", "40": "普米族", "41": "塔吉克族", "42": "怒族",
    "43": "乌孜别克族", "44": "俄罗斯族", "45": "鄂温克族", "46": "德昂族", "47": "保安族",
    "48": "裕固族", "49": "京族", "50": "塔塔尔族", "51": "独龙族", "52": "鄂伦春族", "53": "赫哲族",
    "54": "门巴族", "55": "珞巴族", "56": "基诺族", "97": "其他", "98": "外国血统中国籍人士",
}

EDUCATION_LEVELS = ["研究生", "大学本科", "大学专科", "中专/技校", "高中", "初中", "小学", "文盲或半文盲"]

PLACEMENT_METHODS = {
    "01": "单位就业", "02": "自主创业(个体经营)", "03": "灵活就业(务工)", "04": "务农(承包土地)",
    "05": "过渡性安置基地安置", "06": "继续就学", "07": "纳入低保或特困供养", "08": "家庭供养",
    "99": "其他",
}

# 安置帮教 (aftercare)
AFTERCARE_SOURCES = ["监狱刑满释放", "看守所刑满释放", "解除社区矫正", "外地迁入"]
SOURCE_TRANSFER_IN = "外地迁入"
SOURCE_CORRECTION_ENDED = "解除社区矫正"
CATEGORIES = ["重点", "一般"]
CATEGORY_KEY = "重点"
CATEGORY_GENERAL = "一般"
HANDOVER_METHODS = ["必接必送", "家属接回", "自行报到", "其他"]
HANDOVER_ESCORTED = "必接必送"
REMOVAL_REASONS = ["死亡", "迁出", "重新违法犯罪收监", "其他"]
REASON_EXPIRED = "帮教期满"
REOFFENSE_KINDS = ["犯罪", "违法"]
FLAGS = {"three_nos": "三无人员", "residence_mismatch": "人户分离"}
STATUS_EVENT_KINDS = ["脱管", "脱管找回", "落户", "未衔接", "衔接找回"]
HELPER_ROLES = ["司法所", "派出所", "村(居)干部", "家属", "志愿者", "其他"]

# 社区矫正 (correction)
CORRECTION_KINDS = ["管制", "缓刑", "假释", "暂予监外执行"]
SUPERVISION_LEVELS = ["严管", "普管", "宽管"]
REPORTING_STATUSES = ["按时报到", "超期报到", "未报到且下落不明"]
CORRECTION_END_REASONS = ["期满解除", "撤销缓刑", "撤销假释", "收监执行", "死亡", "其他"]
CORRECTION_END_EXPIRED = "期满解除"

# Population and state labels shown in lists.
POPULATION_AFTERCARE = "安置帮教"
POPULATION_CORRECTION = "社区矫正"
STATE_ON_REGISTER = "在册"
STATE_UNCONNECTED = "未衔接"
STATE_RELEASED = "已解除"
STATE_IN_CORRECTION = "在矫"
STATE_CORRECTION_ENDED = "解矫"
STATE_NOT_YET = "待列管"

# 走访 (visit)
VISIT_TYPES = ["谈话", "家访", "电话", "走访", "回访", "集中教育", "跟踪考察"]
VISIT_TYPE_REVIEW = "跟踪考察"

# 人民调解 (mediation)
DISPUTE_TYPES = [
    "婚姻家庭", "邻里", "房屋宅基地", "合同", "生产经营", "损害赔偿", "山林土地", "征地拆迁",
    "环境污染", "劳动争议", "消费", "医疗", "道路交通事故", "物业", "旅游", "知识产权", "互联网", "其他",
]
CASE_SOURCES = ["当事人申请", "主动调解", "委托移送"]
REFERRING_ORGANS = ["法院", "公安", "政府部门"]
MEDIATION_RESULTS = ["调解中", "成功", "不成功"]
AGREEMENT_FORMS = ["书面", "口头"]
PERFORMANCE_STATUSES = ["已履行", "部分履行", "未履行"]
PARTY_ROLES = ["申请人", "被申请人"]
FAILURE_ROUTES = ["诉讼", "仲裁", "行政"]
PREVENTION_FLAGS = {
    "prevent_criminal": "防止民转刑",
    "prevent_petition": "防止群体性上访",
    "prevent_fight": "防止群体性械斗",
    "prevent_suicide": "防止民间纠纷引起自杀",
}

# Users
ROLE_ADMIN = "管理员"
ROLE_STAFF = "工作人员"
ROLES = [ROLE_ADMIN, ROLE_STAFF]


def placement_code(text: str) -> str | None:
    """A placement method given by code (``03``) or name (``灵活就业(务工)``) -> its code."""
    value = (text or "").strip()
    if value in PLACEMENT_METHODS:
        return value
    for code, name in PLACEMENT_METHODS.items():
        if value == name or value == name.split("(")[0]:
            return code
    return None


def ethnicity_code(text: str) -> str | None:
    value = (text or "").strip()
    if value in ETHNICITIES:
        return value
    for code, name in ETHNICITIES.items():
        if value in (name, name.removesuffix("族")):
            return code
    return None
