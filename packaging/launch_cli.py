"""PyInstaller entry for the headless commands (``sifasuo``)."""

from sifasuo_desktop.cli import main

raise SystemExit(main())
