import sys

from sp_desktop.cli import main

sys.exit(main())
