"""Program settings that are not office rules (those live in ``domain.rules``).

Every default is here, once. Stored values (the ``setting`` table) override them by key.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

# Chinese labels for the 程序设置 dialog, in display order, grouped by page.
LABELS: dict[str, str] = {
    "idle_lock_minutes": "无操作自动锁定(分钟，0为不锁定)",
    "login_max_failures": "密码连续错误次数上限",
    "login_lock_minutes": "超过上限后锁定账户(分钟)",
    "mask_id_numbers": "列表中隐去公民身份号码中间位",
    "backup_keep_daily": "保留每日自动备份(份)",
    "backup_keep_monthly": "保留每月自动备份(份)",
    "agreement_copies_extra": "调解协议书份数(当事人数之外另加)",
}
GROUPS: dict[str, list[str]] = {
    "安全": ["idle_lock_minutes", "login_max_failures", "login_lock_minutes", "mask_id_numbers"],
    "备份与打印": ["backup_keep_daily", "backup_keep_monthly", "agreement_copies_extra"],
}
# Allowed range of every whole-number setting (inclusive).
LIMITS: dict[str, tuple[int, int]] = {
    "idle_lock_minutes": (0, 240),
    "login_max_failures": (1, 20),
    "login_lock_minutes": (1, 1440),
    "backup_keep_daily": (1, 365),
    "backup_keep_monthly": (0, 120),
    "agreement_copies_extra": (0, 10),
}


@dataclass(frozen=True)
class AppSettings:
    idle_lock_minutes: int = 15          # window locks after this many idle minutes
    login_max_failures: int = 5          # wrong passwords before the account locks
    login_lock_minutes: int = 5          # how long it stays locked
    backup_keep_daily: int = 7           # rotating automatic backups
    backup_keep_monthly: int = 12
    mask_id_numbers: bool = True         # lists show 110101********1234 unless asked
    agreement_copies_extra: int = 1      # 协议书 copies = parties + this

    @classmethod
    def keys(cls) -> list[str]:
        return [f.name for f in fields(cls)]

    def with_values(self, values: dict[str, Any]) -> "AppSettings":
        known = {k: v for k, v in values.items() if k in self.keys()}
        return replace(self, **known)
