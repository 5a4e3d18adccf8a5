"""``python -m dashboard``: the troopmap command line."""

from dashboard.cli import main

raise SystemExit(main())
