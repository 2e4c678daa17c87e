# csv.py — roster files as they come from spreadsheets, and as they
# should not: encodings, shapes, and lines a clerk must be told about
#
# Every refused file lists its bad lines (line, column, reason) and
# changes nothing; `--dry-run` says exactly what the import says.
#
# SPDX-License-Identifier: GPL-3.0-or-later
from case import Case

HEADER = "姓名,性别,乡镇(街道),联系电话,工作单位,备注\n"


def utf8(text):
    return text.encode("utf-8")


def roster(*lines):
    """A roster in UTF-8: the header, then @lines."""
    return utf8(HEADER + "".join(line + "\n" for line in lines))


def person_row(ctx, name):
    rows = ctx.sql("SELECT name, organization, title, village, notes, phone FROM person "
                   "WHERE name = '%s' AND deleted_at IS NULL" % name.replace("'", "''"))
    assert len(rows) == 1, "%s: %d rows" % (name, len(rows))
    return rows[0]


def has_person(name, **fields):
    def check(ctx):
        row = person_row(ctx, name)
        columns = ("name", "organization", "title", "village", "notes", "phone")
        for key, value in fields.items():
            got = row[columns.index(key)]
            assert got == value, "%s of %s is %r, not %r" % (key, name, got, value)
    return check


def nobody_named(*names):
    def check(ctx):
        for name in names:
            rows = ctx.sql("SELECT count(*) FROM person WHERE name = '%s'" % name)
            assert rows[0][0] == 0, "%s is in the database" % name
    return check


def run(name, data, message, exit=1, dry_run=False, **more):
    args = ["roster", "import", "{roster}"] + (["--dry-run"] if dry_run else [])
    return Case(name, args, exit=exit, message=message, files={"roster": data}, **more)


def both(name, data, message, **more):
    """The case, and the same with --dry-run: they must say the same."""
    return [run(name, data, message, **more),
            run(name + "/dry-run", data, message, dry_run=True, **more)]


CASES = [
    # encodings
    run("csv/gb18030", HEADER.encode("gb18030") + "潘光明,男,凤山镇,13885401234,福泉市农业农村局,\n".encode("gb18030"),
        None, exit=0, unchanged=False, stdout="1 person added",
        check=has_person("潘光明", organization="福泉市农业农村局")),
    run("csv/utf8-bom", b"\xef\xbb\xbf" + roster("韦兰芝,女,凤山镇,13985402222,福泉市人民医院,"),
        None, exit=0, unchanged=False, check=has_person("韦兰芝", phone="13985402222")),
    run("csv/utf16-le-bom", b"\xff\xfe" + HEADER.encode("utf-16-le") + "王芳,女,,,,\n".encode("utf-16-le"),
        ["UTF-16", "CSV (UTF-8)"]),
    run("csv/utf16-be-bom", b"\xfe\xff" + HEADER.encode("utf-16-be") + "王芳,女,,,,\n".encode("utf-16-be"),
        "UTF-16"),
    run("csv/utf16-no-bom", HEADER.encode("utf-16-le") + "王芳,女,,,,\n".encode("utf-16-le"), "UTF-16"),
    run("csv/not-text", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe\xfd\x00\x01", "neither UTF-8 nor GB18030"),

    # zero bytes never cut a field short
    *both("csv/nul-byte", utf8(HEADER) + "王\x00芳李,女,凤山镇,,,\n".encode("utf-8"),
          ["line 2", "姓名", "zero byte"], check=nobody_named("王", "王芳李")),
    run("csv/nul-in-header", utf8("姓名\x00,电话\n王芳,13985401111\n"), ["line 1", "zero byte"]),

    # shapes
    run("csv/ragged-row", roster("王芳,女,凤山镇,13985401111,医院,备注,多出来的"),
        ["line 2", "7 fields", "6 columns"]),
    run("csv/missing-header", utf8("王芳,女,凤山镇,13985401111\n李明,男,凤山镇,13985402222\n"),
        ["line 1", "unknown column", "no 姓名 (name) column"]),
    run("csv/empty-file", b"", ["file is empty", "header"]),
    run("csv/unclosed-quote", roster('王芳,女,凤山镇,13985401111,"福泉市人民医院,'), "quotation mark"),
    run("csv/huge-line", utf8(HEADER + "王芳,女,凤山镇,,," + "长" * 3000000 + "\n"),
        ["line 2", "备注", "cannot be longer than 2000 characters"]),
    run("csv/duplicate-line", roster("王芳,女,凤山镇,13985401111,,", "王芳,女,凤山镇,139-8540-1111,,"),
        ["line 3", "already on line 2"]),

    # the roster editor's rules
    *both("csv/bad-phone", roster("王芳,女,凤山镇,12345,,"),
          ["line 2", "联系电话", "12345", "is not a phone number"]),
    run("csv/empty-name", roster(",女,凤山镇,13985401111,,"), ["line 2", "姓名", "The name is empty"]),
    *both("csv/u3000-name", roster("\u3000\u3000,女,凤山镇,13985401111,,"),
          ["line 2", "姓名", "The name is empty"]),
    *both("csv/zero-width-name", roster("\u200b\u200d\u2060\ufeff,女,凤山镇,13985401111,,"),
          ["line 2", "姓名", "The name is empty"]),
    run("csv/control-character", roster("王芳,女,凤山镇,13985401111,福泉市\x1b[2J医院,"),
        ["line 2", "工作单位", "U+001B"]),
    run("csv/bidi-override", roster("\u202e芳王,女,凤山镇,13985401111,,"),
        ["line 2", "姓名", "turns the direction of the text around", "U+202E"]),
    run("csv/township-control", roster("王芳,女,凤山\x07镇,13985401111,,"),
        ["line 2", "乡镇(街道)", "U+0007"], check=lambda ctx: assert_no_township(ctx, "凤山\x07镇")),

    # what the export marks with an apostrophe comes back as it was
    run("csv/formula-cells", utf8(HEADER + "王芳,女,凤山镇,13985401111,'=1+2,'@SUM(A1)\n"
                                  "李明,男,凤山镇,13985402222,'-村委会,'+备注\n"),
        None, exit=0, unchanged=False,
        check=lambda ctx: (has_person("王芳", organization="=1+2", notes="@SUM(A1)")(ctx),
                           has_person("李明", organization="-村委会", notes="+备注")(ctx))),
    run("csv/apostrophe-typed", utf8(HEADER + "王芳,女,凤山镇,13985401111,'福泉中学,''引号\n"),
        None, exit=0, unchanged=False,
        check=has_person("王芳", organization="'福泉中学", notes="'引号")),
    run("csv/crlf-in-notes", utf8(HEADER + '王芳,女,凤山镇,13985401111,,"第一行\r\n第二行"\r\n'),
        None, exit=0, unchanged=False, check=has_person("王芳", notes="第一行\n第二行")),
]


def assert_no_township(ctx, name):
    rows = ctx.sql("SELECT count(*) FROM township WHERE name = '%s'" % name)
    assert rows[0][0] == 0, "the township %r was created" % name
