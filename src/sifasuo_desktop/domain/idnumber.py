"""公民身份号码 (GB 11643-1999): check, normalise, derive sex and birth date, mask (DOMAIN §11)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARS = "10X98765432"
_BODY18 = re.compile(r"^\d{17}[\dX]$")
_BODY15 = re.compile(r"^\d{15}$")


@dataclass(frozen=True)
class IdInfo:
    number: str          # the normalised 18-character number
    birth_date: date
    sex: str             # "男" / "女"
    region: str          # the 6-digit region code


class IdNumberError(ValueError):
    """The reason, in Chinese, why a number is refused. ``kind`` is one of
    ``empty``, ``length``, ``chars``, ``date``, ``future``, ``check``."""

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind


def check_character(first17: str) -> str:
    total = sum(int(d) * w for d, w in zip(first17, _WEIGHTS))
    return _CHECK_CHARS[total % 11]


def compose(region: str, birth: date, sequence: int) -> str:
    """The 18-character number for a region code, birth date and 3-digit sequence (odd = male)."""
    first17 = f"{region}{birth:%Y%m%d}{sequence:03d}"
    return first17 + check_character(first17)


def normalise(raw: str) -> str:
    """Strip blanks, full-width digits and a lower-case x; convert a 15-digit number to 18."""
    text = (raw or "").strip().replace(" ", "").replace("\u3000", "")
    text = text.translate(str.maketrans("０１２３４５６７８９ｘＸ", "0123456789XX")).upper()
    if _BODY15.match(text):
        first17 = text[:6] + "19" + text[6:]
        text = first17 + check_character(first17)
    return text


def parse(raw: str, today: date | None = None) -> IdInfo:
    """Check a number and return what it says, or raise :class:`IdNumberError`."""
    text = normalise(raw)
    if not text:
        raise IdNumberError("empty", "公民身份号码不能为空")
    if len(text) not in (15, 18):
        raise IdNumberError("length", f"公民身份号码应为18位，现为{len(text)}位")
    if not _BODY18.match(text):
        raise IdNumberError("chars", "公民身份号码只能由数字组成，最后一位可以是X")
    try:
        birth = date(int(text[6:10]), int(text[10:12]), int(text[12:14]))
    except ValueError:
        raise IdNumberError("date", f"公民身份号码中的出生日期{text[6:14]}不是有效日期") from None
    if birth > (today or date.today()) or birth.year < 1900:
        raise IdNumberError("future", f"公民身份号码中的出生日期{birth.isoformat()}不合理")
    expected = check_character(text[:17])
    if text[17] != expected:
        raise IdNumberError("check", f"公民身份号码校验位错误：最后一位应为{expected}，请核对")
    sex = "男" if int(text[16]) % 2 == 1 else "女"
    return IdInfo(number=text, birth_date=birth, sex=sex, region=text[:6])


def problem(raw: str, today: date | None = None) -> str | None:
    """The Chinese reason a number is wrong, or ``None`` when it is right."""
    try:
        parse(raw, today)
    except IdNumberError as err:
        return str(err)
    return None


def mask(number: str | None) -> str:
    """``110101********123X``: the region and the last four stay visible."""
    if not number:
        return ""
    if len(number) <= 10:
        return number[:2] + "*" * max(len(number) - 2, 0)
    return number[:6] + "*" * (len(number) - 10) + number[-4:]


def age_on(birth: date, day: date) -> int:
    years = day.year - birth.year
    if (day.month, day.day) < (birth.month, birth.day):
        years -= 1
    return years
