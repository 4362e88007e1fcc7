"""Who may do what: named permissions and the roles that hold them (issue 8, Security).

管理员 (所长) manages users, settings, deletes and unlocks; 工作人员 records and prints.

Use in a service (the service is the gate; the window only mirrors it)::

    from sifasuo_desktop.services import permissions as perm

    def delete_person(ctx, person_id):
        perm.require(ctx, perm.DELETE_PERSON)      # PermissionDenied: "只有管理员可以删除档案"
        ...

Use in the window, to disable a button or offer an option::

    button.setEnabled(perm.can(ctx.user, perm.DELETE_PERSON))
    button.setToolTip(perm.denied_message(perm.DELETE_PERSON))

A new permission is one line in ``_TABLE`` (code, Chinese action words, roles). Asking for a code
that is not in the table is a programming error (``KeyError``), so a typo never silently allows
or refuses.
"""

from __future__ import annotations

from sifasuo_desktop.core.errors import PermissionDenied
from sifasuo_desktop.domain.codes import ROLE_ADMIN, ROLE_STAFF
from sifasuo_desktop.services.context import AppContext, CurrentUser

# --- the permission codes (use these names, not the strings) -----------------------------------
MANAGE_USERS = "manage_users"          # add users, reset passwords, disable, change roles
UNLOCK_USERS = "unlock_users"          # lift a sign-in lock before it runs out
MANAGE_SETTINGS = "manage_settings"    # 单位信息, 村(社区), 规则参数, 程序设置
VIEW_AUDIT = "view_audit"              # the 操作日志 viewer
DELETE_PERSON = "delete_person"        # move a dossier to the 回收站
DELETE_RECORD = "delete_record"        # move any other record (case, visit, ...) to the 回收站
RESTORE_DELETED = "restore_deleted"    # take anything back out of the 回收站
SHOW_FULL_ID = "show_full_id"          # unmasked 公民身份号码 in lists and exports, when asked
EDIT_RECORDS = "edit_records"          # create and edit dossiers, visits, mediation cases
PRINT = "print"                        # print forms and reports
EXPORT = "export"                      # Excel and USB package export (IDs masked unless SHOW_FULL_ID)
IMPORT_DATA = "import_data"            # Excel import, package merge

_ADMIN = frozenset({ROLE_ADMIN})
_EVERYONE = frozenset({ROLE_ADMIN, ROLE_STAFF})

# code -> (what the user tried to do, in Chinese, fitting "只有管理员可以…"; roles allowed)
_TABLE: dict[str, tuple[str, frozenset[str]]] = {
    MANAGE_USERS: ("管理用户", _ADMIN),
    UNLOCK_USERS: ("解锁账户", _ADMIN),
    MANAGE_SETTINGS: ("修改设置", _ADMIN),
    VIEW_AUDIT: ("查看操作日志", _ADMIN),
    DELETE_PERSON: ("删除档案", _ADMIN),
    DELETE_RECORD: ("删除记录", _ADMIN),
    RESTORE_DELETED: ("从回收站恢复", _ADMIN),
    SHOW_FULL_ID: ("查看完整的公民身份号码", _ADMIN),
    EDIT_RECORDS: ("录入和修改记录", _EVERYONE),
    PRINT: ("打印", _EVERYONE),
    EXPORT: ("导出数据", _EVERYONE),
    IMPORT_DATA: ("导入数据", _EVERYONE),
}

PERMISSIONS: tuple[str, ...] = tuple(_TABLE)


def can(user: CurrentUser, permission: str) -> bool:
    """True when ``user``'s role holds ``permission`` (``KeyError`` for an unknown code)."""
    return user.role in _TABLE[permission][1]


def require(ctx: AppContext, permission: str) -> None:
    """Raise ``PermissionDenied`` with a Chinese message unless the signed-in user may do it."""
    if not can(ctx.user, permission):
        raise PermissionDenied(denied_message(permission))


def label(permission: str) -> str:
    """The Chinese words of the action, e.g. ``删除档案``."""
    return _TABLE[permission][0]


def roles_with(permission: str) -> list[str]:
    """The roles holding ``permission``, 管理员 first."""
    return [role for role in (ROLE_ADMIN, ROLE_STAFF) if role in _TABLE[permission][1]]


def denied_message(permission: str) -> str:
    """What a user without the permission is told, e.g. ``只有管理员可以删除档案``."""
    return f"只有{'或'.join(roles_with(permission))}可以{label(permission)}"
