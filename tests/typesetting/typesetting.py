#!/usr/bin/env python3
# typesetting.py — the documents on paper, measured (GB/T 9704-2012)
#
# The sample data's circular, minutes and 协商建言 are written with
# tongxin-cli, converted to PDF by LibreOffice (with the fontconfig file
# Tongxin installs: FONTCONFIG_FILE, set by tests/meson.build), and read
# back with pdftohtml (each line with its place and font), pdftotext
# -bbox and pdftoppm, as the office receiving them would look at them.
# So is the circular of a city of 100 townships (tests/bench/city.py)
# and its ledger chart.
# Printed as TAP.
#
# SPDX-License-Identifier: GPL-3.0-or-later
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import traceback
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.append(os.path.join(os.path.dirname(HERE), "pylib"))

from faketime_aside import child_env, step_aside  # noqa: E402

CLI = os.environ.get("TONGXIN_CLI")
TODAY = "2026-12-02"
MM = 72 / 25.4
# the text block of GB/T 9704: 37 mm from the top, 225 mm high
BLOCK_BOTTOM = (37 + 225) * MM
# pdftohtml -xml places text at 1.5 px a point
PX = 1.5
NUMBER = "泉政协联〔2026〕3号"
COPY_TO = "市委办公室，市人大常委会办公室，市政府办公室，市政协各专门委员会，市纪委监委驻市政协纪检监察组"
PRINTER = "政协福泉市委员会办公室"
# the city: 100 townships whatever the people, and with this many a
# ledger with red, yellow and green, townships with many reasons, in a
# few seconds
CITY = os.path.join(os.path.dirname(HERE), "bench", "city.py")
CITY_PEOPLE = "2000"
CITY_TODAY = "2026-11-27"
CITY_ORGANIZATION = "政协清川市委员会"


def cli(db, *args, check=True, today=TODAY):
    run = subprocess.run([CLI, "--db", db, "--today", today, *args], capture_output=True,
                         text=True, env=child_env(), timeout=120)
    if check and run.returncode != 0:
        raise AssertionError(f"tongxin-cli {' '.join(args)}: {run.returncode}: {run.stderr}")
    return run


def wide(ch):
    return 1 if ord(ch) >= 0x2E80 or ch in "“”‘’—…" else 0.5


def width(text):
    """The width of a text in characters of its size (digits count half)."""
    return sum(wide(ch) for ch in text if not ch.isspace())


class Line:
    def __init__(self, page, node, fonts):
        self.page = page
        self.top = float(node.get("top")) / PX
        self.left = float(node.get("left")) / PX
        self.width = float(node.get("width")) / PX
        self.height = float(node.get("height")) / PX
        self.font = fonts[node.get("font")]
        self.text = "".join(node.itertext())

    def __repr__(self):
        return f"p{self.page} {self.top:.0f}/{self.left:.0f} {self.font['family']} {self.text}"


def same_face(a, b):
    """Whether two fonts are one face at one size, whatever their subsets:
    LibreOffice embeds a face with many characters (a city's names) as
    several subsets, and pdftohtml starts a new piece of text at each."""
    return a["size"] == b["size"] and a["family"].split("+")[-1] == b["family"].split("+")[-1]


def read_lines(pdf):
    xml = subprocess.run(["pdftohtml", "-xml", "-i", "-stdout", pdf], capture_output=True,
                         check=True).stdout
    root = ET.fromstring(xml)
    fonts, lines = {}, []
    for page in root.iter("page"):
        for spec in page.iter("fontspec"):
            fonts[spec.get("id")] = {"size": float(spec.get("size")), "family": spec.get("family")}
        for node in page.iter("text"):
            line = Line(int(page.get("number")), node, fonts)
            last = lines[-1] if lines else None
            # one line of text, cut where its face changes subset
            if last is not None and last.page == line.page and abs(last.top - line.top) < 0.5 and \
               abs(last.left + last.width - line.left) < 1.5 and same_face(last.font, line.font):
                last.width = line.left + line.width - last.left
                last.text += line.text
                continue
            lines.append(line)
    return lines


class Documents:
    """The sample's documents, written and converted once."""

    def __init__(self, folder):
        self.folder = folder
        db = os.path.join(folder, "s.db")
        cli(db, "demo")
        cli(db, "config", "set", "copy-to", COPY_TO)
        cli(db, "config", "set", "printing-office", PRINTER)
        self.odt = {}
        self.odt["circular"] = os.path.join(folder, "circular.odt")
        cli(db, "circular", "--year", "2026", "--quarter", "4", self.odt["circular"], "--draft")
        # issued, with its number
        self.odt["circular-issued"] = os.path.join(folder, "circular-issued.odt")
        cli(db, "circular", "--year", "2026", "--quarter", "3", "--number", NUMBER,
            self.odt["circular-issued"])
        # the sample a few days earlier: the third quarter's circular ends
        # where its 署名 and date could fall on two pages
        late = os.path.join(folder, "late.db")
        for args in (("demo",), ("config", "set", "copy-to", COPY_TO),
                     ("config", "set", "printing-office", PRINTER)):
            cli(late, *args, today="2026-11-27")
        self.odt["circular-late"] = os.path.join(folder, "circular-late.odt")
        cli(late, "circular", "--year", "2026", "--quarter", "3", "--number", NUMBER,
            self.odt["circular-late"], today="2026-11-27")
        # a city's circular, issued, and its ledger chart
        city = os.path.join(folder, "city.db")
        xml = os.path.join(folder, "city.xml")
        subprocess.run([sys.executable, CITY, "--people", CITY_PEOPLE, "--out", xml], check=True,
                       capture_output=True, timeout=120)
        for args in (("import", xml), ("config", "set", "organization", CITY_ORGANIZATION),
                     ("config", "set", "copy-to", COPY_TO), ("config", "set", "printing-office", PRINTER)):
            cli(city, *args, today=CITY_TODAY)
        self.city_ledger = json.loads(cli(city, "ledger", "--year", "2026", "--quarter", "3", "--format", "json",
                                          today=CITY_TODAY).stdout)
        self.odt["circular-city"] = os.path.join(folder, "circular-city.odt")
        cli(city, "circular", "--year", "2026", "--quarter", "3", "--number", NUMBER,
            self.odt["circular-city"], today=CITY_TODAY)
        self.city_chart = os.path.join(folder, "city-ledger.pdf")
        cli(city, "chart", "ledger", "--year", "2026", self.city_chart, today=CITY_TODAY)
        consultations = json.loads(cli(db, "consultation", "list", "--format", "json").stdout)
        n = 0
        for c in consultations:
            if c.get("current_stage") != "done":
                continue
            shown = json.loads(cli(db, "consultation", "show", c["uuid"], "--format", "json").stdout)
            n += 1
            path = os.path.join(folder, f"minutes{n}.odt")
            cli(db, "minutes", c["uuid"], path)
            self.odt[f"minutes{n}"] = path
            for i, o in enumerate(shown.get("outcomes", [])[:2]):
                path = os.path.join(folder, f"recommendation{n}-{i}.odt")
                cli(db, "recommendation", "document", o["uuid"], path, "--number", NUMBER)
                self.odt[f"recommendation{n}-{i}"] = path
            if n == 4:
                break
        soffice = shutil.which("soffice")
        if soffice is None:
            raise AssertionError("LibreOffice (soffice) is needed to read the documents back")
        subprocess.run([soffice, f"-env:UserInstallation=file://{folder}/lo", "--headless",
                        "--convert-to", "pdf", "--outdir", folder, *self.odt.values()],
                       capture_output=True, env=child_env(), timeout=600, check=True)
        self.pdf = {name: path[:-4] + ".pdf" for name, path in self.odt.items()}
        self.lines = {name: read_lines(pdf) for name, pdf in self.pdf.items()}


def title_lines(lines):
    """The lines of the title: the largest text on the first page."""
    size = max(line.font["size"] for line in lines if line.page == 1)
    return [line for line in lines if line.page == 1 and line.font["size"] == size]


def family(line):
    # "ABCDEF+NotoSerifCJKjp": one subset prefix a face
    return line.font["family"]


def test_fonts(docs):
    """Title, headings and body text come out in the faces intended."""
    lines = docs.lines["circular"]
    title = title_lines(lines)[0]
    heading = next(line for line in lines if line.text.startswith("一、"))
    body = next(line for line in lines if line.text.startswith("按照"))
    fonts = subprocess.run(["pdffonts", docs.pdf["circular"]], capture_output=True, text=True,
                           check=True).stdout
    # the PostScript name of each face, by its subset prefix
    names = {m.group(1): m.group(2) for m in re.finditer(r"^(\w+)\+(\S+)", fonts, re.M)}
    face = {which: names[family(line).split("+")[0]]
            for which, line in (("title", title), ("heading", heading), ("body", body))}
    assert len(set(face.values())) == 3, f"the faces: {face}"
    # 小标宋 as the bold serif, 仿宋 as the serif, 黑体 as the sans
    assert re.match(r"NotoSerifCJK\w*-Bold", face["title"]), face
    assert re.match(r"NotoSerifCJK\w*-Regular", face["body"]), face
    assert re.match(r"NotoSansCJK\w*-Regular", face["heading"]), face
    for name, pdf in docs.pdf.items():
        used = subprocess.run(["pdffonts", pdf], capture_output=True, text=True, check=True).stdout
        assert "DejaVu" not in used, f"{name}: a Latin face for Chinese text: {used}"


def paragraphs_wraps(lines):
    """Pairs of lines where a paragraph of body text goes on to the next line."""
    body = [line for line in lines if 15 <= line.font["size"] / PX <= 17]
    for a, b in zip(body, body[1:]):
        if a.page == b.page and 26 <= b.top - a.top <= 31 and a.font == b.font:
            yield a, b


def han(ch):
    return "\u3400" <= ch <= "\u9fff"


def test_numbers_whole(docs):
    """No line of a document ends inside a number, between a number and
    what it counts (“9 / 月”, “2026 / 年”, “15 / 人”) or after the 第 of
    “第4季度”."""
    seen = 0
    for name in docs.lines:
        for a, b in paragraphs_wraps(docs.lines[name]):
            seen += 1
            end, start = a.text.rstrip()[-1:], b.text.lstrip()[:1]
            assert not (end.isdigit() and (start.isdigit() or start in "%％.．" or han(start))), \
                f"{name}: “{a.text}” / “{b.text}”"
            assert not (end == "第" and start.isdigit()), f"{name}: “{a.text}” / “{b.text}”"
    assert seen > 10, f"only {seen} wrapped lines to look at"


def test_full_line(docs):
    """A full line of body text holds 28 characters."""
    counts = []
    for name, lines in docs.lines.items():
        for line in lines:
            # a line of body text across the text block, all in Chinese
            if 15 <= line.font["size"] / PX <= 17 and abs(line.left - 28 * MM) < 3 and \
               line.width > 150 * MM and all(wide(ch) == 1 for ch in line.text.strip()):
                # not a paragraph's last: the next line goes on without an indent
                if any(x.page == line.page and 26 <= x.top - line.top <= 31 and x.font == line.font
                       and abs(x.left - 28 * MM) < 3 for x in lines):
                    counts.append((len(line.text.strip()), name, line.text))
    assert len(counts) >= 5, f"only {len(counts)} full lines of Chinese text in the documents"
    for n, name, text in counts:
        assert n == 28, f"{name}: {n} characters in “{text}”"


def page_pixels(pdf, page):
    """A page in grey at 288 dpi: width, height, the pixels, pixels a point."""
    with tempfile.TemporaryDirectory() as folder:
        out = os.path.join(folder, "p")
        subprocess.run(["pdftoppm", "-gray", "-r", "288", "-f", str(page), "-l", str(page), pdf, out],
                       check=True)
        path = os.path.join(folder, sorted(os.listdir(folder))[0])
        with open(path, "rb") as f:
            data = f.read()
    # "P5\nW H\n255\n", then a byte a pixel
    m = re.match(rb"P5\s+(\d+)\s+(\d+)\s+255\s", data)
    return int(m.group(1)), int(m.group(2)), data[m.end():], 288 / 72


def dash_rows(pdf, page, box):
    """The rows of ink of a page's dash, in points from the top."""
    w, h, pixels, scale = page_pixels(pdf, page)
    x0, x1 = int(box[0] * scale) + 2, int(box[2] * scale) - 2
    rows = []
    for y in range(int(box[1] * scale), min(h, int(box[3] * scale) + 1)):
        row = pixels[y * w + x0:y * w + x1]
        if row and sum(1 for p in row if p < 128) > len(row) * 0.8:
            rows.append(y / scale)
    return rows


def test_page_number(docs):
    """The dashes of “— 1 —” lie 7 mm under the text block."""
    words = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", docs.pdf["circular"], "-"],
                           capture_output=True, text=True, check=True).stdout
    dashes = [tuple(float(v) for v in m.groups()) for m in re.finditer(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">—</word>', words)]
    dashes = [d for d in dashes if d[1] > BLOCK_BOTTOM - 10]
    assert len(dashes) == 2, words[-2000:]
    rows = dash_rows(docs.pdf["circular"], 1, dashes[0])
    assert rows, "no ink in the dash"
    gap = (sum(rows) / len(rows) - BLOCK_BOTTOM) / MM
    assert 6 <= gap <= 8, f"the page number's dash is {gap:.1f} mm under the text block"


def test_titles(docs):
    """Every title is broken between words into lines of about the same length."""
    for name, lines in docs.lines.items():
        title = title_lines(lines)
        widths = [width(line.text) for line in title]
        for line in title:
            assert width(line.text) >= 3, f"{name}: a title line of “{line.text}”"
        assert max(widths) - min(widths) <= 5, f"{name}: title lines {[l.text for l in title]}"
        text = "".join(line.text for line in title).replace(" ", "")
        # the lines as the title was written (the ODT's dc:title)
        odt_title = subprocess.run(["unzip", "-p", docs.odt[name], "meta.xml"], capture_output=True,
                                   text=True, check=True).stdout
        written = re.search(r"<dc:title>(.*?)</dc:title>", odt_title).group(1)
        assert text == written.replace(" ", ""), f"{name}: title “{text}” is not “{written}”"
        for a, b in zip(title, title[1:]):
            end, start = a.text.rstrip()[-1], b.text.lstrip()[0]
            assert not (end.isdigit() and start.isdigit()), f"{name}: {a.text} / {b.text}"
            assert not (end == "第"), f"{name}: {a.text} / {b.text}"


def test_signature(docs):
    """The date four characters from the right edge, the issuing body centred over it."""
    right_edge = (210 - 26) * MM
    for name, lines in docs.lines.items():
        dates = [i for i, line in enumerate(lines)
                 if re.fullmatch(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日", line.text.strip())]
        assert dates, f"{name}: no date at the end"
        date = lines[dates[-1]]
        signer = next(line for line in reversed(lines[:dates[-1]])
                      if not re.fullmatch(r"—\s*\d+\s*—", line.text.strip()))
        assert signer.page == date.page, f"{name}: “{signer.text}” and its date on two pages"
        assert 26 <= date.top - signer.top <= 31, f"{name}: {signer} over {date}"
        gap = right_edge - (date.left + date.width)
        assert abs(gap - 4 * 16) <= 8, f"{name}: the date {gap / 16:.1f} characters from the right"
        centre = lambda line: line.left + line.width / 2  # noqa: E731
        assert abs(centre(signer) - centre(date)) <= 16, \
            f"{name}: “{signer.text}” centred {(centre(signer) - centre(date)) / 16:.1f} characters off the date"


def test_recommendation_opening(docs):
    """A 协商建言 opens as one: 召开专题协商会 / 围绕“…”开展协商."""
    for name, pdf in docs.pdf.items():
        if not name.startswith("recommendation"):
            continue
        text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True,
                              check=True).stdout.replace("\n", "").replace(" ", "")
        assert re.search(r"于\d{4}年\d{1,2}月\d{1,2}日召开专题协商会，围绕“[^”]+”开展协商，形成建议如下：", text) or \
            re.search(r"围绕“[^”]+”开展协商，形成建议如下：", text), f"{name}: {text[:200]}"
        assert "协商”开展协商" not in text and "协商”，围绕" not in text, f"{name}: {text[:200]}"


def test_number_and_imprint(docs):
    """The 发文字号 centred above the title; the 版记 at the end, between its rules."""
    block_left, block_right = 28 * MM, (210 - 26) * MM
    for name, lines in docs.lines.items():
        if name.startswith("minutes"):
            continue
        squeeze = lambda line: line.text.replace(" ", "")  # noqa: E731
        title = title_lines(lines)
        numbers = [line for line in lines if squeeze(line) == NUMBER]
        if name == "circular":
            assert not numbers, f"{name}: a draft has no number"
        else:
            assert len(numbers) == 1, f"{name}: the number {NUMBER} {len(numbers)} times"
            number = numbers[0]
            assert number.page == 1 and number.top < title[0].top, f"{name}: {number} not above the title"
            centre = number.left + number.width / 2
            assert abs(centre - (block_left + block_right) / 2) < 8, f"{name}: {number} not centred"
        copy = [i for i, line in enumerate(lines) if squeeze(line).startswith("抄送：")]
        assert len(copy) == 1, f"{name}: “抄送：” {len(copy)} times"
        first = lines[copy[0]]
        # one character (4号) in from the left, after the signature's date
        assert abs(first.left - (block_left + 14)) < 4, f"{name}: {first} not one character in"
        rest = lines[copy[0]:]
        text = "".join(squeeze(line) for line in rest)
        assert "抄送：" + COPY_TO + "。" in text, f"{name}: {text}"
        printed = [line for line in rest if re.search(r"\d{4}年\d{1,2}月\d{1,2}日印发$", squeeze(line))]
        assert len(printed) == 1, f"{name}: no “…印发” after 抄送: {rest}"
        assert abs(block_right - 14 - (printed[0].left + printed[0].width)) < 6, \
            f"{name}: {printed[0]} not one character from the right"
        printer = [line for line in rest if squeeze(line) == PRINTER]
        assert printer and abs(printer[0].left - (block_left + 14)) < 4, f"{name}: {PRINTER} {printer}"
        assert abs(printer[0].top - printed[0].top) < 2, f"{name}: printer and date not on one line"
        # wrapped offices start under the first office, after “抄送：”
        for line in rest[1:]:
            if line.top >= printer[0].top - 2:
                break
            assert abs(line.left - (first.left + 3 * 14)) < 4, f"{name}: {line} not under the first office"
        # the rules: thick over 抄送 and under 印发, thin between, across the text block
        rules = rules_between(docs.pdf[name], first.page, first.top - 12, printed[0].top + 30)
        assert len(rules) == 3, f"{name}: rules {rules}"
        (top, t1, *_), (middle, t2, *_), (bottom, t3, *_) = rules
        for y, _, left, right in rules:
            assert abs(left - block_left) < 1 * MM and abs(right - block_right) < 1 * MM, \
                f"{name}: the rule at {y:.0f} pt runs from {left / MM:.1f} to {right / MM:.1f} mm, " \
                f"not across the text block"
        assert top < first.top < middle < printed[0].top < bottom, f"{name}: rules {rules}"
        assert t1 > t2 and t3 > t2, f"{name}: thicknesses {t1:.2f} {t2:.2f} {t3:.2f} pt"
        # on the last page, its last rule on the text block's last line (§7.4.1)
        last_page = max(line.page for line in lines)
        assert first.page == last_page, f"{name}: the 版记 on page {first.page} of {last_page}"
        assert abs(bottom - (297 - 35) * MM) < 2 * MM, \
            f"{name}: the 版记 ends {((297 - 35) * MM - bottom) / MM:.1f} mm above the text block's end"


def test_circular_table(docs):
    """The circular's table: the header words whole on one line, on every page it runs on."""
    headers = {"circular": "序号乡镇（街道）评定计划完成主要问题",
               "circular-issued": "序号乡镇（街道）评定计划完成主要问题",
               "circular-city": "序号乡镇（街道）评定主要问题"}
    for name, header in headers.items():
        lines = docs.lines[name]
        starts = [line for line in lines if line.text.strip().startswith("序号")]
        assert starts, f"{name}: no table header"
        for start in starts:
            row = [line for line in lines if line.page == start.page and abs(line.top - start.top) < 2]
            text = "".join(line.text for line in row).replace(" ", "")
            assert text == header, f"{name}, page {start.page}: the header reads “{text}”"


def test_city_circular(docs):
    """A city's circular: at most 6 pages, the townships counted by colour as
    the ledger has them, each red or yellow one named."""
    lines = docs.lines["circular-city"]
    pages = max(line.page for line in lines)
    assert pages <= 6, f"the circular of 100 townships runs to {pages} pages"
    counts = {c: sum(1 for t in docs.city_ledger if t["color"] == c) for c in ("green", "yellow", "red")}
    assert len(docs.city_ledger) == 100 and counts["red"] and counts["yellow"] and counts["green"], counts
    text = subprocess.run(["pdftotext", docs.pdf["circular-city"], "-"], capture_output=True, text=True,
                          check=True).stdout
    flat = re.sub(r"\s+", "", text)
    assert (f"共100个，其中绿色{counts['green']}个、黄色{counts['yellow']}个、红色{counts['red']}个"
            in flat), flat[:600]
    for township in docs.city_ledger:
        if township["color"] != "green":
            assert township["name"] in flat, f"{township['name']} is not in the circular"


def page_rgb(pdf, page, dpi=288):
    """A page in colour: width, height, the pixels (three bytes each), pixels a point."""
    with tempfile.TemporaryDirectory() as folder:
        out = os.path.join(folder, "p")
        subprocess.run(["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page), pdf, out], check=True)
        path = os.path.join(folder, sorted(os.listdir(folder))[0])
        with open(path, "rb") as f:
            data = f.read()
    m = re.match(rb"P6\s+(\d+)\s+(\d+)\s+255\s", data)
    return int(m.group(1)), int(m.group(2)), data[m.end():], dpi / 72


def test_city_chart(docs):
    """A city's ledger chart prints legibly on A4: in the circular, whole
    inside the text block (never under the page number) with its names at
    9 pt or more; as a PDF, on A4 pages, every township in text of 9 pt or more."""
    images = subprocess.run(["pdfimages", "-list", docs.pdf["circular-city"]], capture_output=True,
                            text=True, check=True).stdout.splitlines()[2:]
    chart_pages = sorted({int(line.split()[0]) for line in images if line.split()[2] == "image"})
    assert chart_pages, "no chart in the circular"
    for page in chart_pages:
        w, h, pixels, scale = page_rgb(docs.pdf["circular-city"], page)

        def at(x, y):
            i = (y * w + x) * 3
            return pixels[i], pixels[i + 1], pixels[i + 2]

        # the coloured cells: where they are, each row's first
        cells = {}
        for y in range(h):
            for x in range(0, w, 2):
                r, g, b = at(x, y)
                if max(r, g, b) - min(r, g, b) > 90:
                    cells.setdefault(y, x)
                    break
        assert cells, f"page {page}: no coloured cells"
        top, bottom = min(cells) / scale, max(cells) / scale
        assert top >= 37 * MM - 1 and bottom <= BLOCK_BOTTOM + 1, \
            f"page {page}: the chart runs from {top / MM:.0f} to {bottom / MM:.0f} mm, out of the text block"
        # the names left of the first block's cells: rows of dark ink, each a name
        first = min(cells.values())
        left = int((28 * MM) * scale)
        inked = [y for y in range(min(cells), max(cells) + 1)
                 if any(sum(at(x, y)) < 3 * 90 for x in range(left, first - 4))]
        runs = []
        for y in inked:
            if runs and y == runs[-1][1] + 1:
                runs[-1][1] = y
            else:
                runs.append([y, y])
        runs = sorted((b - a + 1) / scale for a, b in runs)
        assert len(runs) >= 10, f"page {page}: {len(runs)} names"
        ink = runs[len(runs) // 2]
        print(f"# page {page}: the chart's names print with ink {ink:.1f} pt tall, at about {ink / 0.9:.1f} pt")
        # a Chinese character's ink is about nine tenths of its size
        assert ink / 0.92 >= 9, f"page {page}: the names' ink is {ink:.1f} pt tall: they print under 9 pt"
    # tongxin-cli chart ledger as a PDF: A4, paginated if need be, its text 9 pt or more
    info = subprocess.run(["pdfinfo", docs.city_chart], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Page size:\s+595\.\d+ x 841\.\d+ pts", info), info
    xml = subprocess.run(["pdftohtml", "-xml", "-i", "-stdout", "-zoom", "1", docs.city_chart],
                         capture_output=True, text=True, check=True).stdout
    sizes = [int(v) for v in re.findall(r'<fontspec id="\d+" size="(\d+)"', xml)]
    assert sizes and min(sizes) >= 9, f"the chart's text sizes: {sorted(set(sizes))}"
    words = re.sub(r"<[^>]+>|\s+", "", xml)
    for township in docs.city_ledger:
        assert township["name"] in words, f"{township['name']} is not in the chart"


def rules_between(pdf, page, y0, y1):
    """Horizontal rules across the text block between y0 and y1:
    (y, thickness, left end, right end) in pt."""
    w, h, pixels, scale = page_pixels(pdf, page)
    x0, x1 = int(29 * MM * scale), int((210 - 27) * MM * scale)
    rows = []
    for y in range(max(0, int(y0 * scale)), min(h, int(y1 * scale))):
        row = pixels[y * w + x0:y * w + x1]
        if sum(1 for p in row if p < 128) > len(row) * 0.98:
            rows.append(y)
    rules = []
    for y in rows:
        if rules and y - rules[-1][-1] == 1:
            rules[-1].append(y)
        else:
            rules.append([y])

    def ends(y):
        row = pixels[y * w:(y + 1) * w]
        left, right = x0, x1
        while left > 0 and row[left - 1] < 128:
            left -= 1
        while right < w - 1 and row[right + 1] < 128:
            right += 1
        return left / scale, right / scale

    return [(sum(r) / len(r) / scale, len(r) / scale) + ends(r[len(r) // 2]) for r in rules]


TESTS = [test_fonts, test_numbers_whole, test_full_line, test_page_number, test_titles,
         test_signature, test_recommendation_opening, test_number_and_imprint,
         test_circular_table, test_city_circular, test_city_chart]


def main():
    step_aside()
    if CLI is None:
        print("1..0 # SKIP TONGXIN_CLI is not set")
        return 0
    only = sys.argv[1:]
    tests = [t for t in TESTS if not only or t.__name__ in only]
    print(f"1..{len(tests)}")
    failed = 0
    with tempfile.TemporaryDirectory(prefix="tx-typesetting-") as folder:
        try:
            docs = Documents(folder)
        except Exception:
            for line in traceback.format_exc().splitlines():
                print(f"# {line}")
            for i, test in enumerate(tests, 1):
                print(f"not ok {i} {test.__name__}")
            return 1
        for i, test in enumerate(tests, 1):
            try:
                test(docs)
                print(f"ok {i} {test.__name__}")
            except Exception:
                failed += 1
                print(f"not ok {i} {test.__name__} # {test.__doc__}")
                for line in traceback.format_exc().splitlines():
                    print(f"# {line}")
        if os.environ.get("TONGXIN_TYPESETTING_KEEP"):
            keep = os.environ["TONGXIN_TYPESETTING_KEEP"]
            os.makedirs(keep, exist_ok=True)
            for path in list(docs.pdf.values()) + list(docs.odt.values()) + [docs.city_chart]:
                shutil.copy(path, keep)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
