"""Pinyin of a person's name for search: initials (张三 -> zs) and the full syllables (zhangsan).

pypinyin reads a character the way it is most often read; a surname is often read differently
(单 shàn, 曾 zēng, 解 xiè ...), so the first one or two characters are looked up in a small table
of surnames whose reading differs from the common one.

pypinyin loads its phrase dictionary on import (about a third of a second), so it is imported
on first use: only saving a name needs it, never showing a list.
"""

from __future__ import annotations

from functools import cache

# Surnames whose reading differs from the character's most common reading (compound ones first).
_SURNAMES = {
    "万俟": ["mo", "qi"], "尉迟": ["yu", "chi"], "单于": ["chan", "yu"], "长孙": ["zhang", "sun"],
    "澹台": ["tan", "tai"], "令狐": ["ling", "hu"],
    "单": ["shan"], "曾": ["zeng"], "解": ["xie"], "仇": ["qiu"], "区": ["ou"], "查": ["zha"],
    "朴": ["piao"], "盖": ["ge"], "种": ["chong"], "乐": ["yue"], "繁": ["po"], "缪": ["miao"],
    "覃": ["qin"], "翟": ["zhai"], "秘": ["bi"], "员": ["yun"], "折": ["she"], "那": ["na"],
    "召": ["shao"], "句": ["gou"], "过": ["guo"], "隗": ["wei"], "冼": ["xian"], "宓": ["mi"],
    "蕃": ["pi"], "粘": ["nian"], "能": ["nai"], "华": ["hua"], "重": ["chong"], "藏": ["zang"],
    "沈": ["shen"], "褚": ["chu"], "贲": ["ben"], "祭": ["zhai"], "阚": ["kan"], "薄": ["bo"],
    "柏": ["bai"], "朝": ["chao"], "石": ["shi"], "卜": ["bu"], "参": ["shen"], "翁": ["weng"],
}


def syllables(name: str) -> list[str]:
    """One lower-case syllable per character; characters without pinyin are kept as they are."""
    text = (name or "").strip()
    if not text:
        return []
    for length in (2, 1):
        surname = text[:length]
        if len(text) > length and surname in _SURNAMES:
            return _SURNAMES[surname] + _plain(text[length:])
    return _plain(text)


@cache
def _converter():
    from pypinyin import Style, lazy_pinyin

    return lambda text: lazy_pinyin(text, style=Style.NORMAL, errors=lambda chars: list(chars))


def _plain(text: str) -> list[str]:
    """Pinyin of the characters; separators such as the ``·`` of minority names are dropped."""
    raw = _converter()(text)
    return [s.lower() for s in raw if s.isalnum()]


def initials(name: str) -> str:
    """``张三`` -> ``zs``; ``单雄信`` -> ``sxx``."""
    return "".join(s[0] for s in syllables(name) if s)


def full(name: str) -> str:
    """``张三`` -> ``zhangsan``."""
    return "".join(syllables(name))
