#!/usr/bin/env python3
"""import_charmap.py -- (maintainers only) refresh tables/codepages/<name>.txt from
glibc's iconv, so that pisar's single-byte decoding agrees byte for byte with iconv(1).
glibc's converters follow the Unicode Consortium's mapping tables (and, for
MAC-CYRILLIC, the later Mac OS Ukrainian revision that WHATWG's x-mac-cyrillic also
uses: 0xA2 = U+0490, 0xB6 = U+0491, 0xFF = U+20AC). Not run at build time.

Usage: tools/import_charmap.py
"""
import os, subprocess, sys, unicodedata

ENCODINGS = [  # pisar name, glibc charmap
    ("windows-1251", "CP1251"), ("koi8-r", "KOI8-R"), ("koi8-u", "KOI8-U"),
    ("iso-8859-5", "ISO-8859-5"), ("ibm866", "IBM866"), ("ibm855", "IBM855"),
    ("cp1125", "CP1125"), ("x-mac-cyrillic", "MAC-CYRILLIC"),
    ("windows-1250", "CP1250"), ("windows-1252", "CP1252"), ("windows-1254", "CP1254"),
    ("windows-1257", "CP1257"), ("iso-8859-1", "ISO-8859-1"), ("iso-8859-2", "ISO-8859-2"),
    ("iso-8859-3", "ISO-8859-3"), ("iso-8859-4", "ISO-8859-4"), ("iso-8859-9", "ISO-8859-9"),
    ("iso-8859-13", "ISO-8859-13"), ("iso-8859-15", "ISO-8859-15"),
    ("iso-8859-16", "ISO-8859-16"), ("ibm437", "IBM437"), ("ibm850", "IBM850"),
    ("ibm852", "IBM852"), ("ibm775", "CP775"), ("macintosh", "MACINTOSH"),
    ("x-mac-ce", "MAC-CENTRALEUROPE"), ("iso-8859-10", "ISO-8859-10"),
    ("iso-8859-14", "ISO-8859-14"),
]

def main():
    out = os.path.join(os.path.dirname(__file__), "..", "tables", "codepages")
    for name, cm in ENCODINGS:
        table = {}
        for b in range(256):
            r = subprocess.run(["iconv", "-f", cm, "-t", "UTF-32BE"], input=bytes([b]),
                               capture_output=True)
            if r.returncode == 0 and len(r.stdout) == 4:
                table[b] = int.from_bytes(r.stdout, "big")
        with open(os.path.join(out, name + ".txt"), "w", encoding="utf-8") as f:
            f.write(f"# {name}: byte -> Unicode code point, one line per byte 0x80-0xFF\n")
            f.write(f"# Source: GNU C Library 2.36 iconv converter {cm}, which follows the\n")
            f.write("# Unicode Consortium's mapping tables; bytes 0x00-0x7F are ASCII. A byte marked\n")
            f.write("# 'undefined' has no character: text containing it is not in this encoding.\n")
            for b in range(0x80, 0x100):
                if b in table:
                    cp = table[b]
                    nm = unicodedata.name(chr(cp), "<control>")
                    f.write(f"0x{b:02X}\tU+{cp:04X}\t# {chr(cp) if cp >= 0xA0 else ' '} {nm}\n")
                else:
                    f.write(f"0x{b:02X}\tundefined\n")
            for b in range(0x80):
                if table.get(b) != b:
                    sys.exit(f"{cm}: byte 0x{b:02X} is not ASCII")

if __name__ == "__main__":
    main()
