from skillsite.cli import main

raise SystemExit(main())
