"""Pinyin for search: initials and full syllables, with the surname readings that differ."""

import pytest

from sifasuo_desktop.services import pinyin


@pytest.mark.parametrize("name, initials, full", [
    ("张三", "zs", "zhangsan"),
    ("单雄信", "sxx", "shanxiongxin"),     # 单 as a surname is shàn, not dān
    ("曾国藩", "zgf", "zengguofan"),       # not céng
    ("解缙", "xj", "xiejin"),              # not jiě
    ("长孙无忌", "zswj", "zhangsunwuji"),  # compound surname
    ("单", "d", "dan"),                    # a lone character is not read as a surname
    ("阿依古丽·买买提", "aygl" + "mmt", "ayiguli" + "maimaiti"),  # the · of minority names is dropped
    ("", "", ""),
])
def test_initials_and_full(name, initials, full):
    assert (pinyin.initials(name), pinyin.full(name)) == (initials, full)
