"""``python -m eduequity.service [--host H] [--port P]``: the same as ``eduequity serve``."""

from eduequity.service.command import main

raise SystemExit(main())
