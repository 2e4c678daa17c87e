# documents.py — text that breaks documents, and spreadsheets that run
#
# An old database may hold what entry now refuses: control characters,
# bidi overrides, text of thousands of characters, and (for the
# spreadsheets) cells that Excel or WPS would run as formulas.  Every
# document must still be one a clerk can open and print: the ODT's XML
# well-formed with its structure whole, the printed pages reading in
# their order and nothing running off the paper; the spreadsheets data,
# never formulas, and nothing dropped unsaid.
#
# SPDX-License-Identifier: GPL-3.0-or-later
import csv
import io
import os
import re
import subprocess
import xml.etree.ElementTree as ET
import zipfile

from case import Case, TODAY
from template_db import demo_with

SIGNIN = "双谷村新型农村综合体建设协商"
SIGNIN_UUID = "bc0f3928-cf72-4501-b3b6-f76225e76ad4"
HOST = "石启明"
OFFICER = "潘宏"

# A4 and the text block of GB/T 9704-2012, in points
MM = 72 / 25.4
A4 = (595.276, 841.890)
TEXT_BLOCK = (28 * MM, 37 * MM, A4[0] - 26 * MM, A4[1] - 15 * MM)   # the footer sits under it

NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "manifest": "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0",
    "x": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
}

# What XML 1.0 forbids, and the bidi controls
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\u202a-\u202e\u2066-\u2069]")


def set_title(title):
    return lambda con: con.execute("UPDATE consultation SET title = ? WHERE uuid = ?", (title, SIGNIN_UUID))


def set_person(name, column, value):
    return lambda con: con.execute("UPDATE person SET %s = ? WHERE name = ?" % column, (value, name))


def set_minutes(**fields):
    def change(con):
        for column, value in fields.items():
            con.execute("UPDATE minutes SET %s = ? WHERE consultation_id = "
                        "(SELECT id FROM consultation WHERE uuid = ?)" % column, (value, SIGNIN_UUID))
    return change


def all_of(*changes):
    def change(con):
        for one in changes:
            one(con)
    return change


def squeeze(text):
    return re.sub(r"[\s\f]", "", text)


# --- ODT ---------------------------------------------------------------

def odt_whole(name, contains=(), lacks=()):
    """The package as LibreOffice reads it: "mimetype" first and stored,
    every part well-formed XML, the manifest naming them, a body with
    paragraphs; the text cleaned and present."""
    def check(ctx):
        with zipfile.ZipFile(ctx.path(name)) as odt:
            first = odt.infolist()[0]
            assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
            assert odt.read("mimetype") == b"application/vnd.oasis.opendocument.text"
            parts = {}
            for part in ("content.xml", "styles.xml", "meta.xml", "META-INF/manifest.xml"):
                text = odt.read(part).decode("utf-8")
                assert not FORBIDDEN.search(text), "%s holds %r" % (part, FORBIDDEN.search(text).group())
                parts[part] = ET.fromstring(text)
        paths = [e.get("{%s}full-path" % NS["manifest"]) for e in parts["META-INF/manifest.xml"]]
        assert "content.xml" in paths and "styles.xml" in paths, paths
        body = parts["content.xml"].find("office:body/office:text", NS)
        assert body is not None and len(body.findall(".//text:p", NS)) > 5
        text = "".join(body.itertext())
        for word in contains:
            assert word in text, "the document lacks %r" % word
        for word in lacks:
            assert word not in text, "the document has %r" % word
    return check


# --- PDF ---------------------------------------------------------------

def pdf_pages(path):
    out = subprocess.run(["pdfinfo", path], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", out).group(1))


def pdf_drawn(path):
    """The text as it reads on the paper: pdftotext's default orders it
    by where it is drawn, so a line turned around reads backwards."""
    return squeeze(subprocess.run(["pdftotext", path, "-"], capture_output=True, text=True, check=True).stdout)


def words_inside(path, box):
    out = subprocess.run(["pdftotext", "-bbox", path, "-"], capture_output=True, text=True, check=True).stdout
    words = re.findall(r'<word xMin="([-0-9.]+)" yMin="([-0-9.]+)" xMax="([-0-9.]+)" yMax="([-0-9.]+)">([^<]*)<', out)
    assert len(words) > 10, "only %d words" % len(words)
    for x0, y0, x1, y1, word in words:
        x0, y0, x1, y1 = float(x0), float(y0), float(x1), float(y1)
        assert box[0] - 1 <= x0 and x1 <= box[2] + 1 and box[1] - 1 <= y0 and y1 <= box[3] + 1, \
            "%r is drawn at %.0f,%.0f-%.0f,%.0f, outside %s" % (word, x0, y0, x1, y1, box)


def pdf_raw(path):
    """The text in the order of the file: a row of the table together."""
    return squeeze(subprocess.run(["pdftotext", "-raw", path, "-"], capture_output=True, text=True, check=True).stdout)


def pdf_sheet(name, contains=(), drawn=(), lacks=(), max_pages=None):
    """A printed list: its text there (@contains, a row read together),
    lines reading in their order on the paper (@drawn), nothing turned
    around (@lacks), its pages as expected, every word in the text
    block."""
    def check(ctx):
        path = ctx.path(name)
        as_drawn = pdf_drawn(path)
        raw = pdf_raw(path)
        for word in contains:
            assert word in raw, "the page lacks %r" % word
        for word in drawn:
            assert word in as_drawn, "the page does not read %r" % word
        for word in lacks:
            assert word not in as_drawn and word not in raw, "the page has %r" % word
        for text in (as_drawn, raw):
            assert not FORBIDDEN.search(text), "the page has %r" % FORBIDDEN.search(text).group()
        pages = pdf_pages(path)
        assert "%d page" % pages in ctx.out, "said %r, the file has %d pages" % (ctx.out, pages)
        if max_pages is not None:
            assert pages <= max_pages, "%d pages" % pages
        words_inside(path, TEXT_BLOCK)
    return check


def chart_inside(name, contains=()):
    def check(ctx):
        path = ctx.path(name)
        out = subprocess.run(["pdfinfo", path], capture_output=True, text=True, check=True).stdout
        width, height = map(float, re.search(r"Page size:\s+([0-9.]+) x ([0-9.]+)", out).groups())
        words_inside(path, (24, 0, width - 24, height))
        drawn = pdf_drawn(path)
        for word in contains:
            assert word in drawn, "the chart lacks %r" % word
        assert not FORBIDDEN.search(drawn)
    return check


# --- spreadsheets ------------------------------------------------------

FORMULAS = ["=1+1", "+8613800000000", "-5", "@SUM(A1:A2)", "'quoted", "=HYPERLINK(\"http://example.com\",\"点我\")"]


def formula_notes(con):
    ids = [row[0] for row in con.execute("SELECT id FROM person ORDER BY id LIMIT %d" % len(FORMULAS))]
    for id, value in zip(ids, FORMULAS):
        con.execute("UPDATE person SET notes = ?, organization = ? WHERE id = ?", (value, value, id))
    con.execute("UPDATE person SET phone = '0854-8221234' WHERE id = ?", (ids[0],))


def csv_rows(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def unmark(cell):
    """What the import makes of a cell (tx-roster-import.c): one leading
    apostrophe before = + - @ tab, carriage return or apostrophe goes."""
    return cell[1:] if len(cell) > 1 and cell[0] == "'" and cell[1] in "=+-@\t\r'" else cell


def csv_neutral(ctx):
    rows = csv_rows(ctx.path("名册.csv"))
    cells = [cell for row in rows[1:] for cell in row]
    for cell in cells:
        assert cell == "" or cell[0] not in "=+-@\t\r", "a cell begins like a formula: %r" % cell
    for value in FORMULAS:
        assert "'" + value in cells, "%r is not written as '%s" % (value, value)
    phones = [row[8] for row in rows[1:]]
    assert "0854-8221234" in phones and all(p == "" or p[0] in "0123456789" for p in phones), phones
    # and read back by the import's rule, every value is the database's
    stored = sorted(ctx.sql("SELECT name, organization, notes FROM person WHERE deleted_at IS NULL"))
    read = sorted((unmark(row[0]), unmark(row[6]), unmark(row[9])) for row in rows[1:])
    assert read == stored, "the file does not read back as the database"


def export_then(change, name):
    """The sample, @change, and the roster exported to @name, by
    tongxin-cli itself: the file the case then imports."""
    def make(ctx):
        demo_with(change)(ctx)
        run = subprocess.run([os.environ["TONGXIN_CLI"], "--db", ctx.db, "--today", TODAY,
                              "roster", "export", ctx.path(name)], capture_output=True)
        assert run.returncode == 0, run.stderr.decode()
    return make


def xlsx_cells(path):
    with zipfile.ZipFile(path) as xlsx:
        for part in xlsx.namelist():
            if part.endswith((".xml", ".rels")):
                ET.fromstring(xlsx.read(part))
        sheet = ET.fromstring(xlsx.read("xl/worksheets/sheet1.xml"))
    assert not sheet.findall(".//x:f", NS), "the sheet has formulas"
    return ["".join(c.itertext()) for c in sheet.findall(".//x:c", NS)]


def xlsx_cut(ctx):
    cells = xlsx_cells(ctx.path("名册.xlsx"))
    marked = [c for c in cells if c.endswith("… (truncated)")]
    assert len(marked) == 1, "%d cells are marked" % len(marked)
    assert len(marked[0].encode("utf-16-le")) // 2 == 32767, len(marked[0])
    assert marked[0].startswith("很长的备注很长的备注")
    assert max(len(c.encode("utf-16-le")) // 2 for c in cells) <= 32767


def xlsx_strings(ctx):
    cells = xlsx_cells(ctx.path("名册.xlsx"))
    for value in FORMULAS:
        assert value in cells, "%r is not in the sheet as it is" % value


LONG_TITLE = "双谷村" + "很长的协商名称" * 100 + "协商"
LONG_NAME = "李" + "长名字" * 300
LONG_UNIT = "凤山镇农业服务中心" * 300

CASES = [
    # The minutes (ODT)
    Case("documents/minutes-control-characters", ["minutes", SIGNIN_UUID, "{dir}/纪要.odt"], exit=0,
         db=demo_with(all_of(set_title("双谷村\x07新型农村综合体建设协商"),
                             set_person(HOST, "name", "石\x01启\x0b明"),
                             set_minutes(agenda="议程\x1f一\x0c二", consensus="共识\x1b达成", recorder="记录\x08人"))),
         stdout="written", check=odt_whole("纪要.odt", contains=["双谷村新型农村综合体建设协商会议纪要", "石启明",
                                                                  "议程一二", "共识达成"])),
    Case("documents/minutes-rtl-override", ["minutes", SIGNIN_UUID, "{dir}/纪要.odt"], exit=0,
         db=demo_with(all_of(set_title("\u202e" + SIGNIN), set_person(OFFICER, "name", "\u2067潘宏\u2069\u202d"))),
         check=odt_whole("纪要.odt", contains=["双谷村新型农村综合体建设协商会议纪要", "潘宏"])),
    Case("documents/minutes-noncharacters-and-bad-bytes", ["minutes", SIGNIN_UUID, "{dir}/纪要.odt"], exit=0,
         db=demo_with(lambda con: (set_minutes(agenda="议程\ufffe一\uffff二")(con),
                                   con.execute("UPDATE minutes SET recorder = CAST(x'e79fb3ff' AS TEXT) WHERE "
                                               "consultation_id = (SELECT id FROM consultation WHERE uuid = ?)",
                                               (SIGNIN_UUID,)))),
         check=odt_whole("纪要.odt", contains=["议程一二", "石\ufffd"])),
    Case("documents/minutes-long-text", ["minutes", SIGNIN_UUID, "{dir}/纪要.odt"], exit=0,
         db=demo_with(all_of(set_title(LONG_TITLE), set_minutes(agenda="很长的议程" * 10000))),
         check=odt_whole("纪要.odt", contains=[LONG_TITLE + "会议纪要", "很长的议程" * 10000])),
    Case("documents/minutes-emoji-and-rare-cjk", ["minutes", SIGNIN_UUID, "{dir}/纪要.odt"], exit=0,
         db=demo_with(all_of(set_person(HOST, "name", "𠀀𪚥石启明"), set_minutes(consensus="👩‍🌾同意❤️"))),
         check=odt_whole("纪要.odt", contains=["𠀀𪚥石启明", "👩‍🌾同意❤️"])),

    # The sign-in sheet (PDF)
    Case("documents/signin-control-characters", ["signin-sheet", SIGNIN_UUID, "{dir}/签到表.pdf"], exit=0,
         db=demo_with(all_of(set_person(HOST, "name", "石\x01启\x0b明"), set_person(OFFICER, "organization", "凤山\x7f镇\x9b"))),
         check=pdf_sheet("签到表.pdf", drawn=[SIGNIN + "签到表"], contains=["1石启明", "凤山镇"], max_pages=2)),
    Case("documents/signin-rtl-override", ["signin-sheet", SIGNIN_UUID, "{dir}/签到表.pdf"], exit=0,
         db=demo_with(set_title("\u202e" + SIGNIN)),
         check=pdf_sheet("签到表.pdf", drawn=[SIGNIN + "签到表", "主持人：石启明"], lacks=["表到签"], max_pages=2)),
    Case("documents/signin-rtl-in-names", ["signin-sheet", SIGNIN_UUID, "{dir}/签到表.pdf"], exit=0,
         db=demo_with(all_of(set_person(HOST, "name", "\u202e石启明"), set_person(OFFICER, "name", "\u2067潘宏\u2069"),
                             set_person(OFFICER, "title", "\u202e科员"))),
         check=pdf_sheet("签到表.pdf", drawn=["主持人：石启明"], contains=["1石启明", "2潘宏", "科员"],
                         lacks=["明启石", "员科"], max_pages=2)),
    Case("documents/signin-long-title", ["signin-sheet", SIGNIN_UUID, "{dir}/签到表.pdf"], exit=0,
         db=demo_with(all_of(set_title(LONG_TITLE), lambda con: con.execute(
             "UPDATE consultation SET venue = ? WHERE uuid = ?", ("会议室" * 200, SIGNIN_UUID)))),
         check=pdf_sheet("签到表.pdf", drawn=["双谷村很长的协商名称", "协商签到表", "地点：会议室会议室"], max_pages=3)),
    Case("documents/signin-long-name-and-unit", ["signin-sheet", SIGNIN_UUID, "{dir}/签到表.pdf"], exit=0,
         db=demo_with(all_of(set_person(HOST, "name", LONG_NAME), set_person(OFFICER, "organization", LONG_UNIT))),
         check=pdf_sheet("签到表.pdf", drawn=[SIGNIN + "签到表"],
                         contains=["1李长名字长名字", "凤山镇农业服务中心凤山镇", "临时参加人员"], max_pages=4)),
    Case("documents/signin-emoji-and-rare-cjk", ["signin-sheet", SIGNIN_UUID, "{dir}/签到表.pdf"], exit=0,
         db=demo_with(all_of(set_person(HOST, "name", "𠀀𪚥明"), set_person(OFFICER, "organization", "😀农业服务中心👩‍🌾"))),
         check=pdf_sheet("签到表.pdf", drawn=[SIGNIN + "签到表"], contains=["农业服务中心"], max_pages=2)),

    # The printed roster (PDF)
    Case("documents/roster-print-bad-text", ["roster", "print", "{dir}/名册.pdf", "--township", "凤山镇"], exit=0,
         db=demo_with(all_of(set_person(HOST, "name", "\u202e石\x01启明"), set_person(OFFICER, "organization", LONG_UNIT),
                             set_person(OFFICER, "title", "科\x0b员"))),
         check=pdf_sheet("名册.pdf", drawn=["凤山镇政协联络组人员名册"],
                         contains=["石启明", "凤山镇农业服务中心凤山镇", "科员"], lacks=["明启石"], max_pages=6)),

    # The charts
    Case("documents/chart-bad-township-names", ["chart", "plan", "{dir}/计划.pdf", "--year", "2026"], exit=0,
         db=demo_with(lambda con: (
             con.execute("UPDATE township SET name = ? WHERE name = '凤山镇'", ("凤山镇" + "很长的名字" * 60,)),
             con.execute("UPDATE township SET name = ? WHERE name = '仙桥乡'", ("\u202e仙\x01桥乡",)))),
         check=chart_inside("计划.pdf", contains=["仙桥乡", "凤山镇很长的名字"])),
    Case("documents/chart-svg-bad-township-names", ["chart", "ledger", "{dir}/台账.svg", "--year", "2026"], exit=0,
         db=demo_with(lambda con: con.execute("UPDATE township SET name = ? WHERE name = '仙桥乡'", ("\u202e仙\x01桥乡\ufffe",))),
         check=lambda ctx: ET.parse(ctx.path("台账.svg"))),

    # The quarterly circular (ODT): township names go into its text and
    # its chart.  Issuing it freezes the quarter, so the database changes.
    Case("documents/circular-bad-township-names", ["circular", "--year", "2026", "--quarter", "3", "{dir}/通报.odt"],
         exit=0, unchanged=False,
         db=demo_with(lambda con: con.execute("UPDATE township SET name = ? WHERE name = '仙桥乡'",
                                              ("\u202e仙\x01桥乡\x0b",))),
         check=odt_whole("通报.odt", contains=["仙桥乡"])),

    # CSV: formula-like cells begin with an apostrophe; phone numbers are
    # as they are; and the import takes the apostrophe off again.
    Case("documents/csv-formula-cells", ["roster", "export", "{dir}/名册.csv"], exit=0,
         db=demo_with(formula_notes), stdout="168 people written", check=csv_neutral),
    Case("documents/csv-formula-round-trip", ["roster", "import", "--dry-run", "{dir}/名册.csv"], exit=0,
         db=export_then(formula_notes, "名册.csv"),
         stdout=["0 people added", "0 people updated", "168 people unchanged"]),
    Case("documents/csv-tab-and-cr-round-trip", ["roster", "import", "--dry-run", "{dir}/名册.csv"], exit=0,
         db=export_then(lambda con: con.execute("UPDATE person SET notes = ? WHERE id = (SELECT min(id) FROM person)",
                                                ("\t前面是制表符",)), "名册.csv"),
         stdout=["0 people added", "0 people updated", "168 people unchanged"]),

    # XLSX: strings, never formulas; a cell over Excel's 32,767
    # characters cut, marked and said.
    Case("documents/xlsx-oversize-cell", ["roster", "export", "{dir}/名册.xlsx"], exit=0,
         db=demo_with(lambda con: con.execute("UPDATE person SET notes = ? WHERE id = (SELECT min(id) FROM person)",
                                              ("很长的备注" * 8000,))),
         message=["1 cell was longer than Excel allows", "… (truncated)"], stdout="168 people written",
         check=xlsx_cut),
    Case("documents/xlsx-formula-cells-are-strings", ["roster", "export", "{dir}/名册.xlsx"], exit=0,
         db=demo_with(formula_notes), check=xlsx_strings),
    Case("documents/xlsx-control-characters", ["roster", "export", "{dir}/名册.xlsx"], exit=0,
         db=demo_with(all_of(set_person(HOST, "title", "主席\x01\x0b"), set_person(OFFICER, "notes", "\u202e备注\ufffe"))),
         check=lambda ctx: xlsx_cells(ctx.path("名册.xlsx"))),
]
