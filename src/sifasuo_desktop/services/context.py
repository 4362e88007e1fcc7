"""The handle every service function takes: the database, the office and the signed-in user."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from sifasuo_desktop.core.errors import PermissionDenied, UserError
from sifasuo_desktop.core.storage import storage_error
from sifasuo_desktop.db.engine import make_engine, make_session_factory
from sifasuo_desktop.db.migrate import upgrade
from sifasuo_desktop.db.models import Meta
from sifasuo_desktop.domain import codes

SYSTEM_USER = "系统"


@dataclass(frozen=True)
class CurrentUser:
    id: str | None
    username: str
    display_name: str
    role: str

    @property
    def is_admin(self) -> bool:
        return self.role == codes.ROLE_ADMIN


SYSTEM = CurrentUser(id=None, username="system", display_name=SYSTEM_USER, role=codes.ROLE_ADMIN)


@dataclass(frozen=True)
class AppContext:
    path: Path
    engine: Engine
    session_factory: sessionmaker[Session]
    office_id: str | None = None
    user: CurrentUser = SYSTEM
    # The program's idea of "today": real date in use, fixed in tests and demos.
    today_override: date | None = field(default=None)

    def today(self) -> date:
        return self.today_override or date.today()

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: commit on success, roll back everything on any error.

        A full disk, read-only folder, busy or damaged file becomes a ``StorageError`` (Chinese
        message, nothing written) instead of a crash.
        """
        session = self.session_factory()
        try:
            with storage_problems(), session.begin():
                yield session
        finally:
            session.close()

    @contextmanager
    def reading(self) -> Iterator[Session]:
        session = self.session_factory()
        try:
            with storage_problems():
                yield session
        finally:
            session.rollback()
            session.close()

    def live_row(self, session: Session, model, row_id: str | None):
        """The ``model`` row ``row_id`` when it is this office's and not deleted, else None."""
        row = session.get(model, row_id) if row_id else None
        if row is None or row.deleted_at is not None or row.office_id != self.office_id:
            return None
        return row

    def as_user(self, user: CurrentUser) -> "AppContext":
        return replace(self, user=user)

    def for_office(self, office_id: str) -> "AppContext":
        return replace(self, office_id=office_id)

    def require_admin(self, what: str) -> None:
        if not self.user.is_admin:
            raise PermissionDenied(f"只有管理员可以{what}")

    def dispose(self) -> None:
        self.engine.dispose()


@contextmanager
def storage_problems() -> Iterator[None]:
    """Environment failures inside the block leave it as ``StorageError`` (see ``core.storage``)."""
    try:
        yield
    except UserError:
        raise
    except Exception as err:
        problem = storage_error(err)
        if problem is None:
            raise
        raise problem from err


def open_database(path: Path, *, migrate: bool = True, today: date | None = None) -> AppContext:
    """Open (creating or upgrading when needed) the database file and return a context for it.

    The context is bound to the file's own office when it has exactly one (an office database).
    """
    path = Path(path)
    if migrate:
        with storage_problems():
            upgrade(path)
    engine = make_engine(path)
    factory = make_session_factory(engine)
    ctx = AppContext(path=path, engine=engine, session_factory=factory, today_override=today)
    with ctx.reading() as session:
        row = session.scalar(select(Meta.value).where(Meta.key == "office_id"))
    return ctx.for_office(row) if row else ctx
