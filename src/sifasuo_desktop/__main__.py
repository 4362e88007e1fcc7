from sifasuo_desktop.app import main

raise SystemExit(main())
