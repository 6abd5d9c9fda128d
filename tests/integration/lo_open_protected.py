"""Open a password-protected workbook in LibreOffice, as a user typing the password would.

Run with the system Python that has LibreOffice's `uno` module (Debian: python3-uno), not
the project's venv: `python3 lo_open_protected.py BOOK.xlsx PASSWORD PROFILE_DIR`.
`soffice --convert-to` takes no password, so this starts a headless soffice, loads the file
through UNO with the `Password` media descriptor and prints what it read: the sheet names
and, per sheet, its used rows. Exit 3 when LibreOffice does not open the file.
"""

import contextlib
import os
import subprocess
import sys
import time

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]


def prop(name: str, value: object) -> object:
    item = PropertyValue()
    item.Name = name
    item.Value = value
    return item


def main() -> int:
    book, password, profile = sys.argv[1:4]
    pipe = f"spdesktop{os.getpid()}"
    soffice = subprocess.Popen(
        [
            "soffice", "--headless", "--invisible", "--norestore", "--nologo",
            "-env:UserInstallation=" + uno.systemPathToFileUrl(os.path.abspath(profile)),
            f"--accept=pipe,name={pipe};urp;",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    desktop = None
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local
        )
        for _attempt in range(240):
            try:
                ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except Exception:
                time.sleep(0.25)
        else:
            print("soffice did not answer", file=sys.stderr)
            return 2
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        try:
            doc = desktop.loadComponentFromURL(
                uno.systemPathToFileUrl(os.path.abspath(book)),
                "_blank",
                0,
                (
                    prop("Hidden", True),
                    prop("FilterName", "Calc MS Excel 2007 XML"),
                    prop("Password", password),
                ),
            )
        except Exception as exc:  # a wrong password: "type detection aborted"
            print(f"not opened: {type(exc).__name__}")
            return 3
        if doc is None:
            print("not opened")
            return 3
        print("SHEETS\t" + "\t".join(doc.Sheets.ElementNames))
        for name in doc.Sheets.ElementNames:
            sheet = doc.Sheets.getByName(name)
            cursor = sheet.createCursor()
            cursor.gotoEndOfUsedArea(False)
            print(f"ROWS\t{name}\t{cursor.RangeAddress.EndRow + 1}")
        doc.close(True)
        return 0
    finally:
        if desktop is not None:
            with contextlib.suppress(Exception):
                desktop.terminate()
        try:
            soffice.wait(30)
        except subprocess.TimeoutExpired:
            soffice.kill()


if __name__ == "__main__":
    sys.exit(main())
