#!/usr/bin/env python3
# tests/check-po.py SOURCE_ROOT
#
# A clerk must never meet an English word: every translatable string of the
# sources must have a Chinese translation in po/zh_CN.po.  This test
#
#  1. extracts the strings of the files in po/POTFILES.in as the tongxin-pot
#     target does (meson's i18n.gettext(preset: 'glib') runs xgettext with
#     the arguments below, in a temporary directory here);
#  2. merges them with po/zh_CN.po into a temporary file (the real file is
#     never written) and lists every message that is untranslated or fuzzy
#     (a fuzzy translation is not used at run time: the clerk sees English);
#  3. lists every .c or .ui file under src/ or ui/ that marks strings for
#     translation but is missing from po/POTFILES.in;
#  4. runs msgfmt -c --check-format on po/zh_CN.po.
#
# It fails if any of these finds something.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import subprocess
import sys
import tempfile

PACKAGE = "tongxin"
LANGUAGE = "zh_CN"

# meson 1.0's i18n module, PRESET_ARGS['glib'] (mesonbuild/modules/i18n.py),
# which the tongxin-pot target passes to xgettext after
# "--package-name=PKG -p PODIR -f POTFILES.in -D SOURCE_ROOT -k_ -o PKG.pot".
GLIB_PRESET = [
    "--from-code=UTF-8",
    "--add-comments",
    "--keyword=_",
    "--keyword=N_",
    "--keyword=C_:1c,2",
    "--keyword=NC_:1c,2",
    "--keyword=g_dcgettext:2",
    "--keyword=g_dngettext:2,3",
    "--keyword=g_dpgettext2:2c,3",
    "--flag=N_:1:pass-c-format",
    "--flag=C_:2:pass-c-format",
    "--flag=NC_:2:pass-c-format",
    "--flag=g_dngettext:2:pass-c-format",
    "--flag=g_strdup_printf:1:c-format",
    "--flag=g_string_printf:2:c-format",
    "--flag=g_string_append_printf:2:c-format",
    "--flag=g_error_new:3:c-format",
    "--flag=g_set_error:4:c-format",
    "--flag=g_markup_printf_escaped:1:c-format",
    "--flag=g_log:3:c-format",
    "--flag=g_print:1:c-format",
    "--flag=g_printerr:1:c-format",
    "--flag=g_printf:1:c-format",
    "--flag=g_fprintf:2:c-format",
    "--flag=g_sprintf:2:c-format",
    "--flag=g_snprintf:3:c-format",
]

# What marks a string for translation in C and in GtkBuilder files.
C_MARKER = re.compile(
    r"(?<![A-Za-z0-9_])(?:_|N_|C_|NC_|g_dngettext|g_dcgettext|g_dpgettext2)\s*\(")
UI_MARKER = re.compile(r"""translatable\s*=\s*["']yes["']""")
# C comments, and the literals a comment marker may hide in.
C_COMMENT_OR_LITERAL = re.compile(
    r"""//[^\n]*|/\*.*?\*/|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'""", re.S)
XML_COMMENT = re.compile(r"<!--.*?-->", re.S)


def run(args, **kwargs):
    return subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          universal_newlines=True, **kwargs)


def read_potfiles(path):
    files = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#") and not line.startswith("["):
                files.append(line)
    return files


def unquote(s):
    # A PO string literal: "..." with C escapes; only what xgettext writes.
    s = s.strip()
    assert s.startswith('"') and s.endswith('"'), s
    body = s[1:-1]
    out = []
    i = 0
    escapes = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\",
               "a": "\a", "b": "\b", "f": "\f", "v": "\v"}
    while i < len(body):
        c = body[i]
        if c == "\\" and i + 1 < len(body):
            out.append(escapes.get(body[i + 1], body[i + 1]))
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def parse_po(path):
    """The live (non-obsolete) entries of a PO file, each a dict with
    msgctxt, msgid, msgid_plural, msgstr (a list), flags and refs."""
    entries = []
    entry = None
    field = None

    def new_entry():
        return {"msgctxt": None, "msgid": None, "msgid_plural": None,
                "msgstr": {}, "flags": set(), "refs": []}

    def finish():
        if entry is not None and entry["msgid"] is not None:
            entries.append(entry)

    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.rstrip("\n")
            stripped = line.strip()
            if not stripped:
                finish()
                entry, field = None, None
                continue
            if stripped.startswith("#~"):
                continue  # obsolete
            if entry is None:
                entry = new_entry()
            if stripped.startswith("#,"):
                entry["flags"].update(x.strip() for x in stripped[2:].split(","))
            elif stripped.startswith("#:"):
                entry["refs"].extend(stripped[2:].split())
            elif stripped.startswith("#"):
                pass
            elif stripped.startswith('"'):
                if field is None:
                    raise ValueError(f"{path}: string without keyword: {line}")
                kind, index = field
                if kind == "msgstr":
                    entry["msgstr"][index] += unquote(stripped)
                else:
                    entry[kind] += unquote(stripped)
            else:
                m = re.match(r'(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])?\s+(".*")$',
                             stripped)
                if not m:
                    raise ValueError(f"{path}: cannot read: {line}")
                kind, index, value = m.group(1), m.group(2), unquote(m.group(3))
                if kind == "msgctxt" and entry["msgid"] is not None:
                    # no blank line between two entries
                    finish()
                    entry = new_entry()
                if kind == "msgstr":
                    index = int(index or 0)
                    entry["msgstr"][index] = value
                    field = ("msgstr", index)
                else:
                    entry[kind] = value
                    field = (kind, None)
    finish()
    return entries


def describe(entry):
    text = entry["msgid"]
    if entry["msgctxt"] is not None:
        text = f"{entry['msgctxt']}\u0004{text}"
    where = " ".join(entry["refs"][:3]) + (" ..." if len(entry["refs"]) > 3 else "")
    return f"{text!r}" + (f"  ({where})" if where else "")


def marked_files(root):
    found = []
    for top in ("src", "ui"):
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            dirnames.sort()
            for name in sorted(filenames):
                path = os.path.join(dirpath, name)
                rel = os.path.relpath(path, root)
                if name.endswith(".c"):
                    with open(path, encoding="utf-8", errors="replace") as f:
                        text = f.read()
                    # drop comments (a comment may say "N_()"), keep literals
                    text = C_COMMENT_OR_LITERAL.sub(
                        lambda m: " " if m.group(0).startswith("/") else '""', text)
                    if C_MARKER.search(text):
                        found.append(rel)
                elif name.endswith(".ui"):
                    with open(path, encoding="utf-8", errors="replace") as f:
                        text = XML_COMMENT.sub(" ", f.read())
                    if UI_MARKER.search(text):
                        found.append(rel)
    return found


def main():
    if len(sys.argv) != 2:
        print("usage: check-po.py SOURCE_ROOT", file=sys.stderr)
        return 2
    root = os.path.abspath(sys.argv[1])
    podir = os.path.join(root, "po")
    potfiles_in = os.path.join(podir, "POTFILES.in")
    po = os.path.join(podir, LANGUAGE + ".po")
    problems = 0

    # 3. files that mark strings but are not extracted
    listed = set(read_potfiles(potfiles_in))
    for rel in marked_files(root):
        if rel not in listed:
            print(f"not in po/POTFILES.in: {rel} marks strings for translation")
            problems += 1
    for rel in sorted(listed):
        if not os.path.exists(os.path.join(root, rel)):
            print(f"po/POTFILES.in names a missing file: {rel}")
            problems += 1

    with tempfile.TemporaryDirectory(prefix="tx-check-po.") as tmp:
        # 1. extract, exactly as the tongxin-pot target does
        pot = PACKAGE + ".pot"
        result = run(["xgettext", "--package-name=" + PACKAGE, "-p", tmp,
                      "-f", potfiles_in, "-D", root, "-k_", "-o", pot] + GLIB_PRESET)
        if result.returncode != 0:
            print("xgettext failed:\n" + result.stdout)
            return 1
        if result.stdout.strip():
            print(result.stdout.rstrip())

        # 2. merge into a copy and read what the clerk would see in English
        merged = os.path.join(tmp, LANGUAGE + ".po")
        result = run(["msgmerge", "--quiet", "-o", merged, po, os.path.join(tmp, pot)])
        if result.returncode != 0:
            print("msgmerge failed:\n" + result.stdout)
            return 1
        entries = [e for e in parse_po(merged) if e["msgid"] != ""]
        untranslated = [e for e in entries
                        if not e["msgstr"] or any(not s for s in e["msgstr"].values())]
        fuzzy = [e for e in entries if "fuzzy" in e["flags"] and e not in untranslated]
        for e in untranslated:
            print(f"untranslated: {describe(e)}")
        for e in fuzzy:
            print(f"fuzzy (not used, shown in English): {describe(e)}")
        problems += len(untranslated) + len(fuzzy)
        print(f"{len(entries)} messages in the sources, {len(untranslated)} untranslated, "
              f"{len(fuzzy)} fuzzy in po/{LANGUAGE}.po")

    # 4. the translations themselves
    result = run(["msgfmt", "-c", "--check-format", "-o", os.devnull, po])
    if result.returncode != 0:
        print(f"msgfmt -c --check-format po/{LANGUAGE}.po failed:\n" + result.stdout.rstrip())
        problems += 1

    if problems:
        print(f"FAIL: {problems} problem(s)")
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
