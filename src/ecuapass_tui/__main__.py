"""`python -m ecuapass_tui`."""

from ecuapass_tui.cli import main

raise SystemExit(main())
