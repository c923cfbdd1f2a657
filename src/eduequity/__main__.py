"""``python -m eduequity``."""

import sys

try:
    from eduequity.cli import main
except KeyboardInterrupt:  # Ctrl-C while the library loads: the same one line as later
    print("eduequity: interrupted: nothing was written", file=sys.stderr)
    raise SystemExit(130) from None

raise SystemExit(main())
