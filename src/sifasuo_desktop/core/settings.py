"""Program settings that are not office rules (those live in ``domain.rules``).

Every default is here, once. Stored values (the ``setting`` table) override them by key.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any


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
