from seller_desk.cli import main

raise SystemExit(main())
