"""Opening a record that lives in another tab (a dossier from a report, a case from a dossier).

Tabs and dialogs do not import each other: they ask the main window for the other tab by its
class name (``window.tab("DossierTab")``) and call its opening method (``open_person``,
``open_record``). A build or a test without that tab simply offers no link.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget


def main_window_of(widget: QWidget | None):
    """The main window a tab or dialog belongs to (a tab's ``window_``, else the nearest parent
    with ``tab()``), or None."""
    while widget is not None:
        owner = getattr(widget, "window_", None)
        if owner is not None:
            return owner
        if callable(getattr(widget, "tab", None)) and callable(getattr(widget, "show_tab", None)):
            return widget
        widget = widget.parentWidget()
    return None


def opener(window, tab_class: str, method: str) -> Callable[[str], object] | None:
    """A function opening a record in another tab of the main window (switching to that tab and
    returning what the tab's method returns), or None when that tab or its method does not exist."""
    tab = window.tab(tab_class) if window is not None and hasattr(window, "tab") else None
    if tab is None or not hasattr(tab, method):
        return None

    def open_record(record_id: str) -> object:
        window.show_tab(tab_class)
        return getattr(tab, method)(record_id)

    return open_record
