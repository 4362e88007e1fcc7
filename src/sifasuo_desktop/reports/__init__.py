"""Pure renderers: data objects in, PDF / Excel bytes out. No dialogs, no queries."""
