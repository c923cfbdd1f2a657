"""``python -m eduequity``."""

from eduequity.cli import main

raise SystemExit(main())
