"""Frozen entry point for both bundled programs: `sp-desktop` (console) and the windowed
app. Both run the same `sp_desktop.cli.main`; with no arguments it opens the window."""

import os
import sys

# A windowed Windows program (console=False) starts with sys.stdin/stdout/stderr set to None;
# the first print, warning or logging call would then raise. Give them a sink before anything
# else is imported.
for _name in ("stdin", "stdout", "stderr"):
    if getattr(sys, _name) is None:
        setattr(
            sys,
            _name,
            open(os.devnull, "r" if _name == "stdin" else "w", encoding="utf-8"),  # noqa: SIM115
        )

if __name__ == "__main__":
    from sp_desktop.cli import main

    sys.exit(main())
