"""PyInstaller entry for the window (``sifasuo-desktop``)."""

from sifasuo_desktop.app import main

raise SystemExit(main())
