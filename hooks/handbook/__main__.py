from handbook.cli.main import main

raise SystemExit(main())
