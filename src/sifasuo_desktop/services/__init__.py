"""One module per feature, one function per user action. Each function opens its own session and
transaction through a :class:`~sifasuo_desktop.services.context.AppContext` and returns frozen
data objects, never live ORM objects."""
