"""Start-up benchmark hook (scripts/bench_district.py); inactive unless its variable is set.

With ``SIFASUO_BENCH_EXIT_AFTER_SHOW`` set in the environment (never in normal use):

- the sign-in dialog is not shown: the program signs in with ``SIFASUO_BENCH_USER`` and
  ``SIFASUO_BENCH_PASSWORD``, checked by ``services.auth.sign_in`` as the dialog would check them
  (a wrong password ends the program); these two variables are read only in this mode;
- once the main window is up it prints one line to stdout and leaves, so no session stays open:
  ``SIFASUO_BENCH shown=<t> data=<t> maxrss_kb=<n> anon_peak_kb=<n>``: ``shown`` is the wall clock
  (``time.time()``) when the window has painted, ``data`` when its first tab has painted with its
  data (the 工作台 counts), ``maxrss_kb`` the peak resident memory (ru_maxrss) and
  ``anon_peak_kb`` the highest private resident memory seen (Linux: RssAnon sampled every 10 ms,
  which leaves out the database pages SQLite maps into memory);
- with the value ``all`` every tab is opened and its data waited for before the line is printed
  (memory with everything loaded).

It leaves through ``QCoreApplication.exit``, not ``quit``: no close event, so no backup on exit.
"""

from __future__ import annotations

import os
import threading
import time

from PySide6.QtCore import QCoreApplication, QThread, QTimer

ENV = "SIFASUO_BENCH_EXIT_AFTER_SHOW"


def active() -> bool:
    return bool(os.environ.get(ENV))


def credentials() -> tuple[str, str]:
    """The benchmark's sign-in (only asked for when ``active()``)."""
    return os.environ.get("SIFASUO_BENCH_USER", ""), os.environ.get("SIFASUO_BENCH_PASSWORD", "")


def arm(window) -> None:
    """Measure ``window`` (just shown) once the event loop runs, then leave the event loop."""
    sampler = _AnonSampler()
    sampler.start()
    QTimer.singleShot(0, lambda: _measure(window, sampler, every_tab=os.environ.get(ENV) == "all"))


def _settle(tab) -> None:
    """Wait until ``tab`` shows its data (tabs that load in a worker say when they are done)."""
    if hasattr(tab, "wait_loaded"):
        tab.wait_loaded()
    while getattr(tab, "busy", False):
        QThread.msleep(5)
        QCoreApplication.processEvents()
    QCoreApplication.processEvents()


def _measure(window, sampler: _AnonSampler, every_tab: bool) -> None:
    window.repaint()
    shown = time.time()
    _settle(window.tabs.currentWidget())
    window.repaint()
    data = time.time()
    if every_tab:
        for index in range(window.tabs.count()):
            window.tabs.setCurrentIndex(index)
            _settle(window.tabs.widget(index))
            window.repaint()
    sampler.stop()
    try:
        import resource                     # not on Windows
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    except ImportError:
        peak = 0
    print(f"SIFASUO_BENCH shown={shown:.6f} data={data:.6f} maxrss_kb={peak} anon_peak_kb={sampler.peak}",
          flush=True)
    QCoreApplication.exit(0)


class _AnonSampler(threading.Thread):
    """The highest RssAnon of /proc/self/status (0 where there is no such file)."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak = 0
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.is_set():
            try:
                with open("/proc/self/status", encoding="ascii") as status:
                    value = next((int(line.split()[1]) for line in status if line.startswith("RssAnon:")), 0)
            except OSError:
                return
            self.peak = max(self.peak, value)
            self._done.wait(0.01)

    def stop(self) -> None:
        self._done.set()
        self.join()
