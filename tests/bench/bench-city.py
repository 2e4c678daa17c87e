#!/usr/bin/env python3
# bench-city.py — Tongxin at city scale: 100 townships and 10,000 to
# 300,000 people, each command against the floor of what it does
#
#   bench-city.py [--people N | --sizes N,N,…] [--cache DIR] [--runs 3]
#                 [--skip-slow] [--targets] [--only NAME,…]
#
# Not a test: `meson test -C _build --benchmark bench-city` runs it at
# 10,000 people; run it directly for larger sizes (tests/bench/README.md).
#
# For each size the city of city.py is written and imported once into a
# database kept in the cache directory (rebuilt when city.py's version
# changes). Then each measurement runs Tongxin's command and a baseline
# in turn, --runs times each (3), and the medians of wall time and peak
# resident memory are printed side by side with their ratio, as a table
# and, last, as one line of JSON.
#
#   startup       tongxin-cli config get (what any command costs to
#                 start) vs sqlite3 reading one row; no target
#   ledger        tongxin-cli ledger --year 2026 --quarter 3
#                 vs sqlite3: per township, overdue stages, feedback
#                 waiting past its due date, meetings held this year
#                 and the plan, as of the quarter's end (the same rows
#                 the ledger's rules read; checked once per size)
#   metrics       tongxin-cli metrics --year 2026
#                 vs sqlite3: the three zeros per township in one query
#   chart         tongxin-cli chart ledger OUT.svg --year 2026 (the
#                 ledgers of the four quarters begun) vs the ledger's
#                 query for those four quarters
#   export        tongxin-cli export OUT.xml vs sqlite3 DB .dump; no target
#   import        tongxin-cli import into a new database vs xmllint
#                 --stream --noout (for a city larger than one exchange
#                 file holds, its parts in one command, vs xmllint on
#                 each in turn)
#   import-write  the same import vs sqlite3 writing the same rows into
#                 a new database of the same schema (copied from the
#                 city's database, references not checked, indexes
#                 made at the end, the search index left empty): the
#                 floor of what an import writes; no target
#   roster-import tongxin-cli roster import CSV into a new database
#                 vs sqlite3 :memory: .import --csv of the same file
#   roster-print  tongxin-cli roster print OUT.pdf (everyone) vs
#                 LibreOffice (Writer) converting the same rows and
#                 columns, as an ODF text document of tables, to PDF;
#                 --skip-slow leaves it out
#
# Targets (--targets makes a missed one exit 1): ledger ≤ 3×, metrics
# ≤ 3×, chart ≤ 5×, import ≤ 4× xmllint, roster import ≤ 4× sqlite3,
# roster print ≤ 0.5× LibreOffice. Without --targets it only reports;
# it exits 1 when a command fails, whatever the flags.
#
# Needs python3 (standard library), sqlite3; xmllint and soffice are
# optional (their rows say "skipped" without them). TONGXIN_CLI names
# the CLI (or --cli); FONTCONFIG_FILE the fonts for PDF and SVG, as in
# the tests.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import argparse
import csv
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import city  # noqa: E402

TODAY = city.TODAY.isoformat()
YEAR = 2026
QUARTER = 3

TARGETS = {
    "ledger": 3.0,
    "metrics": 3.0,
    "chart": 5.0,
    "import": 4.0,
    "roster-import": 4.0,
    "roster-print": 0.5,
}
ALL = ("startup", "ledger", "metrics", "chart", "export", "import", "import-write", "roster-import",
       "roster-print")
# rows --skip-slow leaves out (LibreOffice lays out thousands of pages)
SLOW = ("roster-print",)


# ---------------------------------------------------------------- SQL floors

def quarter_end(year, quarter):
    return {1: "%d-03-31", 2: "%d-06-30", 3: "%d-09-30", 4: "%d-12-31"}[quarter] % year


def ledger_sql(year, quarter, today=TODAY):
    """What the ledger of @quarter reads, counted per township: stages due
    before the day judged and not done by then, recommendations whose
    feedback was due before it and had not come, meetings held in the
    year by then, and the year's plan (tx-ledger.c, tx-rules.c).

    CROSS JOIN keeps SQLite's join order: one pass over the stages (and
    the recommendations) in table order, each looking up its
    consultation, which at 100,000 people is six times as fast as the
    plan SQLite chooses by itself (consultations by township, each
    looking up its stages and recommendations): a floor is the best
    plain SQL does."""
    as_of = min(today, quarter_end(year, quarter))
    return """
WITH params (as_of, year_start, year, fb) AS (
  SELECT '%(as_of)s', '%(year)d-01-01', %(year)d,
         coalesce ((SELECT CAST (value AS INTEGER) FROM setting WHERE key = 'feedback-days'), 30)),
overdue AS (
  SELECT c.township_id AS t, count (*) AS n
  FROM params p, stage s CROSS JOIN consultation c ON c.id = s.consultation_id
  WHERE c.deleted_at IS NULL AND s.due < p.as_of AND (s.done IS NULL OR s.done > p.as_of)
  GROUP BY c.township_id),
held AS (
  SELECT c.township_id AS t, count (*) AS n
  FROM params p, stage s CROSS JOIN consultation c ON c.id = s.consultation_id
  WHERE c.deleted_at IS NULL AND s.stage = 2 AND s.done >= p.year_start AND s.done <= p.as_of
  GROUP BY c.township_id),
waiting AS (
  SELECT c.township_id AS t, count (*) AS n
  FROM params p, outcome o CROSS JOIN consultation c ON c.id = o.consultation_id
  WHERE o.deleted_at IS NULL AND c.deleted_at IS NULL AND o.submitted_on <= p.as_of
    AND (o.feedback_received IS NULL OR o.feedback_received > p.as_of)
    AND coalesce (o.feedback_due, date (o.submitted_on, '+' || p.fb || ' days')) < p.as_of
  GROUP BY c.township_id)
SELECT tw.name, coalesce (overdue.n, 0), coalesce (waiting.n, 0), coalesce (held.n, 0), pl.consultations
FROM params p, township tw
  LEFT JOIN overdue ON overdue.t = tw.id
  LEFT JOIN waiting ON waiting.t = tw.id
  LEFT JOIN held ON held.t = tw.id
  LEFT JOIN plan pl ON pl.township_id = tw.id AND pl.year = p.year
WHERE tw.deleted_at IS NULL
ORDER BY tw.name;
""" % {"as_of": as_of, "year": year}


def metrics_sql(year, today=TODAY):
    """The three zeros of @year per township (tx-metrics.c): recommendations
    submitted in the year by the day judged, answered by then, adopted,
    supervised in all three phases, carried out in full."""
    as_of = min(today, "%d-12-31" % year)
    return """
WITH p (first, as_of) AS (SELECT '%(year)d-01-01', '%(as_of)s'),
chosen AS (
  SELECT o.id, c.township_id AS t,
         o.feedback_received IS NOT NULL AND o.feedback_received <= p.as_of AS answered,
         o.adoption IN ('adopted', 'partly_adopted') AS adopted,
         coalesce (o.progress, 0) >= 100 AS implemented
  FROM p, outcome o CROSS JOIN consultation c ON c.id = o.consultation_id
  WHERE o.deleted_at IS NULL AND c.deleted_at IS NULL
    AND o.submitted_on >= p.first AND o.submitted_on <= p.as_of),
phases AS (
  SELECT s.outcome_id AS id, count (DISTINCT s.phase) AS n
  FROM p, supervision s JOIN chosen ON chosen.id = s.outcome_id
  WHERE s.date IS NULL OR s.date <= p.as_of
  GROUP BY s.outcome_id)
SELECT tw.name, count (chosen.id), sum (answered), sum (answered AND adopted),
       sum (answered AND adopted AND coalesce (phases.n, 0) = 3),
       sum (answered AND adopted AND implemented)
FROM township tw
  LEFT JOIN chosen ON chosen.t = tw.id
  LEFT JOIN phases ON phases.id = chosen.id
WHERE tw.deleted_at IS NULL
GROUP BY tw.id
ORDER BY tw.name;
""" % {"as_of": as_of, "year": year}


def chart_sql(year, today=TODAY):
    """The ledger's query for each quarter the chart colours: those begun
    by today (tx-chart-data.c)."""
    current_year, current_quarter = int(today[:4]), (int(today[5:7]) - 1) // 3 + 1
    quarters = [q for q in (1, 2, 3, 4) if year < current_year or (year == current_year and q <= current_quarter)]
    return "".join(ledger_sql(year, q, today) for q in quarters)


# ---------------------------------------------------------------- running

class Failure(Exception):
    pass


def child_env():
    env = dict(os.environ)
    env.setdefault("TZ", "Asia/Shanghai")
    env.setdefault("LC_ALL", "C.UTF-8")
    env.setdefault("LANGUAGE", "C")
    env.setdefault("GSETTINGS_BACKEND", "memory")
    env.setdefault("NO_AT_BRIDGE", "1")
    return env


TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None


def run_one(argv, stdout=None, timeout=None):
    """Runs @argv; returns (wall seconds, peak RSS in KB). Peak memory from
    /usr/bin/time when there is one, else from the child's own resource
    usage (os.wait4), which counts the forked Python too (the high-water
    mark survives exec): a floor of some 20 MB then."""
    out = open(stdout, "wb") if stdout else subprocess.DEVNULL
    try:
        if TIME:
            with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
                cmd = [TIME, "-f", "%M", "-o", report.name] + argv
                start = time.perf_counter()
                proc = subprocess.run(cmd, stdout=out, stderr=subprocess.PIPE, env=child_env(), timeout=timeout)
                wall = time.perf_counter() - start
                text = report.read().strip().splitlines()
                rss = int(text[-1]) if text and text[-1].isdigit() else 0
                status = proc.returncode
                stderr = proc.stderr
        else:
            start = time.perf_counter()
            proc = subprocess.Popen(argv, stdout=out, stderr=subprocess.PIPE, env=child_env())
            stderr = proc.stderr.read()
            _, wait_status, usage = os.wait4(proc.pid, 0)
            wall = time.perf_counter() - start
            proc.returncode = os.waitstatus_to_exitcode(wait_status)
            status = proc.returncode
            rss = usage.ru_maxrss
    finally:
        if stdout:
            out.close()
    if status != 0:
        raise Failure("%s exited with %d: %s" % (" ".join(os.path.basename(a) if i == 0 else a
                                                            for i, a in enumerate(argv[:4])),
                                                  status, stderr.decode(errors="replace").strip()[-500:]))
    return wall, rss


def run_steps(steps, timeout=None):
    """Runs the commands of one measurement in turn: their wall times
    added, their peak memory the largest."""
    wall, rss = 0.0, 0
    for argv, stdout in steps:
        w, r = run_one(argv, stdout, timeout)
        wall += w
        rss = max(rss, r)
    return wall, rss


def remove_db(path):
    for suffix in ("", "-wal", "-shm", "-journal"):
        try:
            os.unlink(path + suffix)
        except FileNotFoundError:
            pass


# ---------------------------------------------------------------- the city, cached

def default_cache(cli):
    """Under the build directory when the CLI is in one, else /tmp."""
    build = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(cli))))
    if os.path.basename(os.path.dirname(os.path.abspath(cli))) == "cli" and \
            os.path.exists(os.path.join(build, "build.ninja")):
        return os.path.join(build, "tests", "bench-city-cache")
    return os.path.join(tempfile.gettempdir(), "tongxin-bench-city")


def write_fodt(csv_path, fodt_path):
    """The roster as `roster print` prints it by default (序号, 姓名, 性别,
    乡镇（街道）, 身份类别, 单位及职务, 联系电话 masked), A4 with the
    document margins, as an ODF text document for LibreOffice: tables of
    100 rows under a repeated header (Writer lays one table of 100,000
    rows out in quadratic time, which would measure only that)."""
    cell = '<table:table-cell table:style-name="c"><text:p text:style-name="T">%s</text:p></table:table-cell>'
    header = "".join(cell % h for h in ("序号", "姓名", "性别", "乡镇（街道）", "身份类别", "单位及职务", "联系电话"))
    head = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
        ' xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"'
        ' xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"'
        ' office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">\n'
        '<office:font-face-decls><style:font-face style:name="Noto Serif CJK SC"'
        ' svg:font-family="\'Noto Serif CJK SC\'"/></office:font-face-decls>\n'
        '<office:styles><style:style style:name="T" style:family="paragraph"><style:text-properties'
        ' style:font-name="Noto Serif CJK SC" fo:font-size="12pt" style:font-name-asian="Noto Serif CJK SC"'
        ' style:font-size-asian="12pt"/></style:style></office:styles>\n'
        '<office:automatic-styles><style:page-layout style:name="A4"><style:page-layout-properties'
        ' fo:page-width="210mm" fo:page-height="297mm" fo:margin-top="37mm" fo:margin-bottom="35mm"'
        ' fo:margin-left="28mm" fo:margin-right="26mm"/></style:page-layout>\n'
        '<style:style style:name="c" style:family="table-cell"><style:table-cell-properties'
        ' fo:border="0.5pt solid #000000" fo:padding="0.5mm"/></style:style></office:automatic-styles>\n'
        '<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="A4"/>'
        '</office:master-styles>\n<office:body><office:text><text:p text:style-name="T">人员名册</text:p>\n')
    with open(csv_path, encoding="utf-8-sig", newline="") as f, \
            open(fodt_path, "w", encoding="utf-8") as out:
        rows = csv.reader(f)
        next(rows)
        out.write(head)
        n = 0
        for row in rows:
            if n % 100 == 0:
                if n:
                    out.write("</table:table>\n")
                out.write('<table:table table:name="t%d"><table:table-column table:number-columns-repeated="7"/>'
                          '<table:table-header-rows><table:table-row>%s</table:table-row></table:table-header-rows>\n'
                          % (n // 100, header))
            n += 1
            digits = "".join(ch for ch in row[8] if ch.isdigit())
            phone = digits[:3] + "****" + digits[7:] if len(digits) == 11 else digits
            out.write("<table:table-row>%s</table:table-row>\n"
                      % "".join(cell % escape(v) for v in (str(n), row[0], row[1], row[3], row[5],
                                                          row[6] + row[7], phone)))
        if n:
            out.write("</table:table>\n")
        out.write("</office:text></office:body></office:document>\n")


def sqlite_count(db, table):
    out = subprocess.run(["sqlite3", db, "SELECT count (*) FROM %s WHERE deleted_at IS NULL" % table],
                         capture_output=True, text=True, check=True, env=child_env())
    return int(out.stdout.strip())


def build_city(cli, cache, people, log):
    """The city of @people in @cache: its exchange file(s), roster CSV,
    the same rows for LibreOffice, and the database imported from them;
    reused when city.py's version and the size match."""
    folder = os.path.join(cache, str(people))
    manifest_path = os.path.join(folder, "manifest.json")
    try:
        with open(manifest_path, encoding="utf-8") as f:
            manifest = json.load(f)
        if manifest.get("version") == city.VERSION and manifest.get("people") == people and \
                all(os.path.exists(p) for p in manifest["files"] + [manifest["db"], manifest["csv"]]):
            log("city of %d people: cached in %s" % (people, folder))
            return manifest
    except (OSError, ValueError, KeyError):
        pass

    if os.path.isdir(folder):
        shutil.rmtree(folder)
    os.makedirs(folder)
    xml = os.path.join(folder, "city.xml")
    csv_path = os.path.join(folder, "roster.csv")
    fodt = os.path.join(folder, "roster.fodt")
    db = os.path.join(folder, "city.db")

    log("city of %d people: writing %s" % (people, xml))
    start = time.perf_counter()
    counts = city.generate(people, xml, csv_path, quiet=True)
    write_fodt(csv_path, fodt)
    log("  written in %.1f s: %d consultations, %d recommendations, %.1f MB in %d file(s)"
        % (time.perf_counter() - start, counts["consultations"], counts["outcomes"],
           counts["bytes"] / 1e6, len(counts["files"])))

    log("  importing into %s" % db)
    start = time.perf_counter()
    tmp = db + ".tmp"
    remove_db(tmp)
    run_one([cli, "--db", tmp, "--today", TODAY, "import"] + counts["files"])
    for table, want in (("township", counts["townships"]), ("person", counts["people"]),
                        ("consultation", counts["consultations"]), ("outcome", counts["outcomes"])):
        got = sqlite_count(tmp, table)
        if got != want:
            raise Failure("the import of the city holds %d %s rows, not %d" % (got, table, want))
    # one file, no WAL beside it
    subprocess.run(["sqlite3", tmp, "PRAGMA wal_checkpoint(TRUNCATE);"], check=True,
                   capture_output=True, env=child_env())
    remove_db(db)
    os.rename(tmp, db)
    remove_db(tmp)
    log("  imported in %.1f s" % (time.perf_counter() - start))

    manifest = dict(counts, people=people, db=db, csv=csv_path, fodt=fodt)
    with open(manifest_path, "w", encoding="utf-8") as f:
        json.dump(manifest, f, ensure_ascii=False, indent=1)
    return manifest


def check_floor(cli, manifest, log):
    """The ledger's query counts what the ledger finds: the same rows."""
    db = manifest["db"]
    out = subprocess.run([cli, "--db", db, "--today", TODAY, "ledger", "--year", str(YEAR),
                          "--quarter", str(QUARTER), "--format", "json"],
                         capture_output=True, text=True, env=child_env())
    if out.returncode != 0:
        log("  note: ledger --format json failed: %s" % out.stderr.strip())
        return
    entries = json.loads(out.stdout)
    overdue = sum(1 for e in entries for r in e["reasons"] if r.get("rule") == "stage_overdue")
    waiting = sum(1 for e in entries for r in e["reasons"] if r.get("rule") == "feedback_waiting")
    held = sum(e.get("held", 0) for e in entries)
    rows = subprocess.run(["sqlite3", db, ledger_sql(YEAR, QUARTER)], capture_output=True, text=True,
                          check=True, env=child_env()).stdout.splitlines()
    sums = [sum(int(r.split("|")[i] or 0) for r in rows) for i in (1, 2, 3)]
    colors = {}
    for e in entries:
        colors[e["color"]] = colors.get(e["color"], 0) + 1
    log("  ledger %d Q%d: %d overdue stages, %d recommendations waiting, %d meetings held; %s"
        % (YEAR, QUARTER, overdue, waiting, held,
           ", ".join("%d %s" % (colors[c], c) for c in ("red", "yellow", "green") if c in colors)))
    if sums != [overdue, waiting, held]:
        log("  note: the ledger's SQL floor counts %d overdue, %d waiting, %d held: not the rows the "
            "ledger found" % tuple(sums))


# ---------------------------------------------------------------- measurements

def write_floor_sql(template, source):
    """SQL that copies every row of @source's tables into @template's,
    a new database of the same schema, as fast as sqlite3 can: in one
    transaction, without checking references, the indexes dropped first
    and made again at the end.  The search index (FTS5, with Tongxin's
    own tokenizer) stays empty."""
    def query(sql):
        out = subprocess.run(["sqlite3", "-json", template, sql],
                             capture_output=True, text=True, check=True, env=child_env())
        return json.loads(out.stdout) if out.stdout.strip() else []

    indexes = query("SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL")
    names = [row["name"] for row in query("SELECT name FROM sqlite_schema WHERE type = 'table' "
                                          "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'person_search%'")]
    lines = ["PRAGMA foreign_keys = OFF;", "PRAGMA journal_mode = DELETE;", "PRAGMA cache_size = -32768;",
             "ATTACH '%s' AS city;" % source.replace("'", "''"), "BEGIN;"]
    lines += ["DROP INDEX %s;" % index["name"] for index in indexes]
    for name in names:
        columns = ", ".join('"%s"' % row["name"] for row in query("SELECT name FROM pragma_table_info('%s')" % name))
        # what init wrote (this office, the settings) is replaced
        lines.append("DELETE FROM main.%s;" % name)
        # WHERE 1: row by row, as an import writes, not SQLite's copy of whole pages
        lines.append("INSERT INTO main.%s (%s) SELECT %s FROM city.%s WHERE 1;" % (name, columns, columns, name))
    lines += [index["sql"] + ";" for index in indexes]
    lines.append("COMMIT;")
    return "\n".join(lines) + "\n"


class FreshDb:
    """A new database for each run of an import (called before it), and
    the check after it that the run did import everyone (an import into
    a database that has them all already is only a comparison)."""

    def __init__(self, path, people):
        self.path = path
        self.people = people

    def __call__(self):
        remove_db(self.path)

    def check(self):
        got = sqlite_count(self.path, "person")
        if got != self.people:
            raise Failure("%s holds %d people after the import, not %d" % (self.path, got, self.people))


def measurements(cli, manifest, work, skip_slow, only):
    """(name, Tongxin's label, its steps and preparation, baseline's label,
    its steps or None with why) of each row."""
    db = manifest["db"]
    base = [cli, "--db", db, "--today", TODAY]
    rows = []

    def want(name):
        return only is None or name in only

    if want("startup"):
        rows.append(("startup", "config get (start-up)",
                     [(base + ["config", "get", "feedback-days"], None)], None,
                     "sqlite3 one row", [(["sqlite3", db, "SELECT value FROM setting WHERE key = 'feedback-days'"],
                                          None)]))
    if want("ledger"):
        rows.append(("ledger", "ledger %d Q%d" % (YEAR, QUARTER),
                     [(base + ["ledger", "--year", str(YEAR), "--quarter", str(QUARTER)], None)], None,
                     "sqlite3 ledger SQL", [(["sqlite3", db, ledger_sql(YEAR, QUARTER)], None)]))
    if want("metrics"):
        rows.append(("metrics", "metrics %d" % YEAR,
                     [(base + ["metrics", "--year", str(YEAR)], None)], None,
                     "sqlite3 metrics SQL", [(["sqlite3", db, metrics_sql(YEAR)], None)]))
    if want("chart"):
        svg = os.path.join(work, "ledger.svg")
        rows.append(("chart", "chart ledger (SVG)",
                     [(base + ["chart", "ledger", svg, "--year", str(YEAR)], None)], None,
                     "sqlite3 ledger SQL ×4 quarters", [(["sqlite3", db, chart_sql(YEAR)], None)]))
    if want("export"):
        out = os.path.join(work, "export.xml")
        rows.append(("export", "export",
                     [(base + ["export", out], None)], None,
                     "sqlite3 .dump", [(["sqlite3", db, ".dump"], None)]))
    if want("import"):
        fresh = FreshDb(os.path.join(work, "import.db"), manifest["people"])
        # the parts of a city too large for one file, as a clerk imports
        # them: together, in one command (and one write)
        steps = [([cli, "--db", fresh.path, "--today", TODAY, "import"] + manifest["files"], None)]
        label = "import" if len(manifest["files"]) == 1 else "import (%d files)" % len(manifest["files"])
        xmllint = shutil.which("xmllint")
        if xmllint:
            baseline = [([xmllint, "--stream", "--noout", part], None) for part in manifest["files"]]
        else:
            baseline = "xmllint not found (apt install libxml2-utils)"
        rows.append(("import", label, steps, fresh, "xmllint --stream", baseline))
    if want("import-write"):
        fresh = FreshDb(os.path.join(work, "import.db"), manifest["people"])
        template = os.path.join(work, "floor-template.db")
        floor = os.path.join(work, "floor.db")
        remove_db(template)
        subprocess.run([cli, "--db", template, "init"], capture_output=True, check=True, env=child_env())
        floor_sql = os.path.join(work, "floor.sql")
        with open(floor_sql, "w") as f:
            f.write(write_floor_sql(template, db))
        steps = [([cli, "--db", fresh.path, "--today", TODAY, "import"] + manifest["files"], None)]
        rows.append(("import-write", "import", steps, fresh, "sqlite3 writing the rows",
                     [(["sh", "-c", 'rm -f "$1"*; cp "$2" "$1" && sqlite3 "$1" < "$3"', "floor", floor, template,
                        floor_sql], None)]))
    if want("roster-import"):
        fresh = FreshDb(os.path.join(work, "roster.db"), manifest["people"])
        rows.append(("roster-import", "roster import CSV",
                     [([cli, "--db", fresh.path, "--today", TODAY, "roster", "import", manifest["csv"]], None)],
                     fresh,
                     "sqlite3 .import --csv",
                     [(["sqlite3", ":memory:", ".import --csv %s t" % manifest["csv"]], None)]))
    if want("roster-print"):
        pdf = os.path.join(work, "roster.pdf")
        soffice = shutil.which("soffice")
        if skip_slow:
            rows.append(("roster-print", "roster print (PDF)", "skipped (--skip-slow)", None,
                         "LibreOffice to PDF", "skipped (--skip-slow)"))
        else:
            warm_up = None
            if soffice:
                profile = os.path.join(work, "lo-profile")

                def convert(path):
                    return [([soffice, "-env:UserInstallation=file://" + profile, "--headless",
                              "--convert-to", "pdf", "--outdir", os.path.join(work, "lo"), path], None)]

                def warm_up():
                    # a first start sets up the profile: with one row
                    small_csv = os.path.join(work, "small.csv")
                    small = os.path.join(work, "small.fodt")
                    with open(manifest["csv"], encoding="utf-8-sig") as f, \
                            open(small_csv, "w", encoding="utf-8") as out:
                        out.write(f.readline())
                        out.write(f.readline())
                    write_fodt(small_csv, small)
                    run_steps(convert(small))
                baseline = convert(manifest["fodt"])
            else:
                baseline = "soffice not found"
            rows.append(("roster-print", "roster print (PDF)", [(base + ["roster", "print", pdf], None)], None,
                         "LibreOffice to PDF", baseline, warm_up))
    return [row + (None,) if len(row) == 6 else row for row in rows]


def measure(rows, runs, log):
    results = []
    for name, label, steps, prepare, base_label, base_steps, warm_up in rows:
        result = {"name": name, "tongxin": {"command": label}, "baseline": {"command": base_label},
                  "target": TARGETS.get(name)}
        if isinstance(steps, str):
            result["skipped"] = steps
            results.append(result)
            log("  %-14s %s" % (name, steps))
            continue
        if isinstance(base_steps, str):
            result["baseline"]["skipped"] = base_steps
        t_runs, b_runs = [], []
        try:
            # LibreOffice's first start sets up its profile: not counted
            if warm_up:
                warm_up()
            for _ in range(runs):
                if prepare:
                    prepare()
                t_runs.append(run_steps(steps))
                if hasattr(prepare, "check"):
                    prepare.check()
                if not isinstance(base_steps, str):
                    b_runs.append(run_steps(base_steps))
        except (Failure, subprocess.TimeoutExpired) as e:
            result["error"] = str(e)
            results.append(result)
            log("  %-14s FAILED: %s" % (name, e))
            continue
        result["tongxin"].update(wall_s=statistics.median(w for w, _ in t_runs),
                                 rss_kb=int(statistics.median(r for _, r in t_runs)),
                                 runs_s=[round(w, 4) for w, _ in t_runs])
        if b_runs:
            result["baseline"].update(wall_s=statistics.median(w for w, _ in b_runs),
                                      rss_kb=int(statistics.median(r for _, r in b_runs)),
                                      runs_s=[round(w, 4) for w, _ in b_runs])
            b = result["baseline"]["wall_s"]
            result["ratio"] = result["tongxin"]["wall_s"] / b if b > 0 else None
            if result["target"] is not None and result["ratio"] is not None:
                result["met"] = result["ratio"] <= result["target"]
        log("  %-14s tongxin %.3f s, baseline %s" % (name, result["tongxin"]["wall_s"],
                                                     "%.3f s" % result["baseline"]["wall_s"]
                                                     if "wall_s" in result["baseline"] else
                                                     result["baseline"].get("skipped", "-")))
        results.append(result)
    return results


# ---------------------------------------------------------------- report

def fmt_s(value):
    if value is None:
        return "-"
    return "%.3f" % value if value < 10 else "%.1f" % value


def fmt_mb(kb):
    return "-" if kb is None else "%.0f" % (kb / 1024.0)


def print_table(all_results):
    header = ("people", "measurement", "tongxin s", "MB", "baseline", "base s", "MB", "ratio", "target", "")
    lines = [header]
    for people, results in all_results:
        for r in results:
            t, b = r["tongxin"], r["baseline"]
            if "skipped" in r or "error" in r:
                lines.append((str(people), t["command"], "-", "-", b["command"], "-", "-", "-",
                              "≤%g×" % r["target"] if r["target"] else "", r.get("skipped") or "FAILED"))
                continue
            ratio = r.get("ratio")
            verdict = "" if "met" not in r else ("ok" if r["met"] else "MISSED")
            if "skipped" in b:
                verdict = "baseline " + b["skipped"]
            lines.append((str(people), t["command"], fmt_s(t.get("wall_s")), fmt_mb(t.get("rss_kb")),
                          b["command"], fmt_s(b.get("wall_s")), fmt_mb(b.get("rss_kb")),
                          "-" if ratio is None else "%.2f×" % ratio,
                          "≤%g×" % r["target"] if r["target"] else "", verdict))
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    numeric = {0, 2, 3, 5, 6, 7}
    for line in lines:
        cells = [line[i].rjust(widths[i]) if i in numeric else line[i].ljust(widths[i]) for i in range(len(line))]
        print("  ".join(cells).rstrip())


def main():
    parser = argparse.ArgumentParser(description="Tongxin at city scale against the floor of each command.")
    parser.add_argument("--people", type=int, default=100000, help="the city's size (default 100000)")
    parser.add_argument("--sizes", help="several sizes, e.g. 10000,100000 (instead of --people)")
    parser.add_argument("--cache", help="where the cities are kept (default: the build directory's "
                        "tests/bench-city-cache, or /tmp/tongxin-bench-city)")
    parser.add_argument("--runs", type=int, default=3, help="runs of each command; the median counts (3)")
    parser.add_argument("--skip-slow", action="store_true", help="leave out roster print against LibreOffice")
    parser.add_argument("--targets", action="store_true", help="exit 1 when a ratio misses its target")
    parser.add_argument("--only", help="only these measurements: " + ",".join(ALL))
    parser.add_argument("--cli", default=os.environ.get("TONGXIN_CLI"), help="tongxin-cli (default $TONGXIN_CLI)")
    args = parser.parse_args()

    if not args.cli or not os.access(args.cli, os.X_OK):
        parser.error("name tongxin-cli with TONGXIN_CLI or --cli")
    if shutil.which("sqlite3") is None:
        parser.error("the sqlite3 command is needed (apt install sqlite3)")
    try:
        sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else [args.people]
    except ValueError:
        parser.error("--sizes takes numbers separated by commas")
    if any(s < 1000 for s in sizes):
        parser.error("a city has at least 1000 people")
    only = None
    if args.only:
        only = set(args.only.split(","))
        if not only <= set(ALL):
            parser.error("--only takes " + ",".join(ALL))
    cache = os.path.abspath(args.cache or default_cache(args.cli))

    def log(text):
        print(text, file=sys.stderr, flush=True)

    log("bench-city: %s, cache %s, %d run(s) each, today %s" % (args.cli, cache, args.runs, TODAY))
    if TIME is None:
        log("bench-city: no /usr/bin/time (apt install time): peak memory is the child's resource usage, "
            "which includes the Python it was forked from")
    all_results = []
    failed = False
    for people in sizes:
        try:
            manifest = build_city(args.cli, cache, people, log)
        except Failure as e:
            log("bench-city: the city of %d people could not be built: %s" % (people, e))
            failed = True
            continue
        check_floor(args.cli, manifest, log)
        with tempfile.TemporaryDirectory(prefix="bench-city-", dir=os.path.dirname(manifest["db"])) as work:
            rows = measurements(args.cli, manifest, work, args.skip_slow, only)
            results = measure(rows, args.runs, log)
        all_results.append((people, results))
        failed = failed or any("error" in r for r in results)

    print()
    print_table(all_results)
    missed = [(p, r["name"]) for p, results in all_results for r in results if r.get("met") is False]
    summary = {
        "bench": "city",
        "generator": city.VERSION,
        "today": TODAY,
        "runs": args.runs,
        "sizes": [{"people": p, "results": results} for p, results in all_results],
        "missed": ["%s@%d" % (name, p) for p, name in missed],
        "failed": failed,
    }
    print(json.dumps(summary, ensure_ascii=False, sort_keys=True))

    if failed:
        return 1
    if args.targets and missed:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
