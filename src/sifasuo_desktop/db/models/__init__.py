"""All tables. Importing this package registers every model on ``Base.metadata``."""

from sifasuo_desktop.db.models.base import Base, new_id
from sifasuo_desktop.db.models.exchange import FrozenReport, PackageImport
from sifasuo_desktop.db.models.mediation import (
    MediationCase,
    MediationFollowup,
    MediationMediator,
    MediationParty,
    MediationRecord,
)
from sifasuo_desktop.db.models.office import Attachment, AuditLog, Meta, Office, Setting, UserAccount, Village
from sifasuo_desktop.db.models.person import (
    AftercareTerm,
    CategoryChange,
    CorrectionActivity,
    CorrectionTerm,
    FlagPeriod,
    HelperMember,
    Person,
    Placement,
    Reoffense,
    StatusEvent,
    SupervisionLevelChange,
)
from sifasuo_desktop.db.models.visit import DuePostponement, Visit

__all__ = [
    "AftercareTerm", "Attachment", "AuditLog", "Base", "CategoryChange", "CorrectionActivity",
    "CorrectionTerm", "DuePostponement", "FlagPeriod", "FrozenReport", "HelperMember",
    "MediationCase", "MediationFollowup", "MediationMediator", "MediationParty", "MediationRecord",
    "Meta", "Office", "PackageImport", "Person", "Placement", "Reoffense", "Setting", "StatusEvent",
    "SupervisionLevelChange", "UserAccount", "Village", "Visit", "new_id",
]
