"""Compile the gettext catalogues (locale/*/LC_MESSAGES/*.po) to .mo files in pure Python,
so a newcomer's machine needs no GNU gettext."""

import pathlib
import sys

import polib

ROOT = pathlib.Path(__file__).resolve().parent.parent


def main():
    catalogues = sorted((ROOT / "locale").glob("*/LC_MESSAGES/*.po"))
    for po_path in catalogues:
        mo_path = po_path.with_suffix(".mo")
        if not mo_path.exists() or mo_path.stat().st_mtime < po_path.stat().st_mtime:
            polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
    print(f"{len(catalogues)} translation catalogue(s) compiled.", file=sys.stderr)


if __name__ == "__main__":
    main()
