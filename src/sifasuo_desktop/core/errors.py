"""Error classes whose message is shown to the user as it is (Chinese, plain words)."""

from __future__ import annotations


class UserError(Exception):
    """A problem the user can understand and fix; ``str(err)`` is the Chinese message."""


class ValidationError(UserError):
    """One or more fields are wrong. ``fields`` maps field code -> Chinese reason."""

    def __init__(self, fields: dict[str, str]):
        self.fields = dict(fields)
        super().__init__("；".join(self.fields.values()))


class NotFoundError(UserError):
    pass


class DuplicateError(UserError):
    """A record that must be unique already exists; ``existing_id`` points to it."""

    def __init__(self, message: str, existing_id: str | None = None):
        super().__init__(message)
        self.existing_id = existing_id


class PermissionDenied(UserError):
    pass


class AuthError(UserError):
    pass


class DatabaseError(UserError):
    """The database file cannot be used (damaged, foreign, newer than the program, locked)."""


class DatabaseTooNew(DatabaseError):
    pass


class LockedRecordError(UserError):
    pass


class Cancelled(UserError):
    """The user cancelled long work; the service rolled back and nothing was changed."""

    def __init__(self) -> None:
        super().__init__("已取消，未作任何修改")


class StorageError(UserError):
    """The disk, a folder or the database file refused the work (full, read-only, in use, damaged).
    The message says what to do; nothing was half-written (see ``core.storage``)."""


class DatabaseInUse(DatabaseError):
    """Another window of the program has the same database file open (``core.instance_lock``)."""
