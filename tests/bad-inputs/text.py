# text.py — the characters a text of a record may not hold, whichever
# way it comes in: control characters (that cannot be printed, and that
# a terminal or a spreadsheet may act on), the characters that turn the
# direction of a text around, and texts longer than a field holds
#
# One check in the core says so for the roster import and the exchange
# import alike, naming the field (and, for a roster, the line and the
# column); nothing is written.
#
# SPDX-License-Identifier: GPL-3.0-or-later
from case import Case

TOWNSHIP = "b765363f-4e08-4e4b-836f-c4846d559edb"

CSV_HEADER = "姓名,职务,村(社区),联系电话,备注\n"

XML_HEADER = ('<?xml version="1.0" encoding="UTF-8"?>\n'
              '<tongxin xmlns="urn:tongxin:exchange:1" exported="2026-11-27T10:00:00+08:00">\n')


def csv(name, line, message):
    return Case(name, ["roster", "import", "{roster}"], message=message,
                files={"roster": (CSV_HEADER + line + "\n").encode("utf-8")})


def xml(name, records, message):
    return Case(name, ["import", "{exchange}"], message=message,
                files={"exchange": (XML_HEADER + records + "</tongxin>\n").encode("utf-8")})


def consultation(title="冷库建设协商", venue="", minutes=""):
    return ('<consultation uuid="0d6e6f3a-2b1c-4d5e-8f90-a1b2c3d4e5a0" township="%s" updated="2026-11-20T10:00:00+08:00">\n'
            '<title>%s</title><topic-source>cppcc</topic-source><orientation>livelihood</orientation>'
            '<platform>physical</platform>%s\n'
            '<stage name="selection"/><stage name="research"/><stage name="meeting"/><stage name="submission"/>'
            '<stage name="feedback"/><stage name="supervision"/>%s</consultation>\n'
            % (TOWNSHIP, title, "<venue>%s</venue>" % venue if venue else "", minutes))


CASES = [
    # the roster: line, column, field
    csv("text/csv-tab-in-name", "王\t芳,,,,", ["line 2", "姓名", "The name", "U+0009"]),
    csv("text/csv-line-break-in-name", '"王\n芳",,,,', ["line 2", "姓名", "line break"]),
    csv("text/csv-del-in-village", "王芳,,双谷\x7f村,,", ["line 2", "村(社区)", "The village", "U+007F"]),
    csv("text/csv-c1-in-title", "王芳,主\u009b任,,,", ["line 2", "职务", "The post", "U+009B"]),
    csv("text/csv-escape-in-notes", "王芳,,,,\x1b]0;owned\x07", ["line 2", "备注", "The notes", "U+001B"]),
    csv("text/csv-isolate-in-phone", "王芳,,,\u2066139 8540 1111\u2069,", ["line 2", "联系电话", "U+2066"]),
    csv("text/csv-override-in-name", "\u202d王芳,,,,", ["line 2", "姓名", "U+202D"]),
    csv("text/csv-long-name", "王" * 51 + ",,,,", ["line 2", "姓名", "The name cannot be longer than 50 characters; it has 51"]),

    # the exchange file: line, field
    xml("text/xml-override-in-title", consultation(title="协商\u202e商协"),
        ["line 3", "The title", "U+202E"]),
    xml("text/xml-zero-width-title", consultation(title="\u200b\u200b"), ["line 3", "Write the title of the consultation"]),
    xml("text/xml-c1-in-venue", consultation(venue="议事\u0085室"), ["line 3", "The venue", "U+0085"]),
    xml("text/xml-escape-in-agenda",
        consultation(minutes='<minutes recorder="丁晓燕"><agenda>议程\u009b2J</agenda></minutes>'),
        ["line 3", "The agenda", "U+009B"]),
    xml("text/xml-tab-in-speaker",
        consultation(minutes='<minutes><speech speaker="罗&#9;明远">发言</speech></minutes>'),
        ["line 3", "The speaker", "U+0009"]),
    xml("text/xml-long-title", consultation(title="协" * 201), ["line 3", "The title cannot be longer than 200 characters"]),
    xml("text/xml-u3000-township",
        '<township uuid="0d6e6f3a-2b1c-4d5e-8f90-a1b2c3d4e5a2" name="\u3000" kind="town" updated="2026-11-20T10:00:00+08:00"/>\n',
        ["line 3", "name is empty"]),
    xml("text/xml-override-in-township",
        '<township uuid="0d6e6f3a-2b1c-4d5e-8f90-a1b2c3d4e5a2" name="岔河\u202e镇" kind="town" updated="2026-11-20T10:00:00+08:00"/>\n',
        ["line 3", "U+202E"]),
]
