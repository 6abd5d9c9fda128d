"""`python -m sp_desktop.cli`: the same as `sp-desktop`."""

import sys

from sp_desktop.cli import main

sys.exit(main())
