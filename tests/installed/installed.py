#!/usr/bin/env python3
# installed.py — Tongxin as an office installs it: the Debian package,
# installed, used, upgraded over and removed
#
#   installed.py --build      the upgrade of an older database, with the
#                             tongxin-cli of the build (TONGXIN_CLI)
#   installed.py --installed  with TONGXIN_DEB, the package build-aux/deb
#                             made: lintian, its files, installed with apt,
#                             then from /usr/bin and nothing of the build
#                             (no TONGXIN_* variable, no schema or
#                             translation folder of the build): the
#                             version, the sample data in the usual place,
#                             the minutes and a sign-in sheet, the window
#                             in Chinese with its translations and icon
#                             (run under tests/run-with-display), the
#                             desktop file and metainfo validated, the
#                             manual pages and the completion; the upgrade
#                             of an older database; then the package
#                             removed and purged, and the database still
#                             there, whole.
#
# The older database is tests/fixtures/upgrade/schema-17.sql: what
# Tongxin wrote before migrations 0018 and 0019.  Opened, it is updated
# after a backup, the backup is the database as it was, and nothing of
# it is lost.  Printed as TAP.
#
# SPDX-License-Identifier: GPL-3.0-or-later
import glob
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import traceback
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(os.path.dirname(HERE))
FIXTURE = os.path.join(SOURCE, "tests", "fixtures", "upgrade", "schema-17.sql")
LATEST = len(glob.glob(os.path.join(SOURCE, "src", "core", "sql", "[0-9][0-9][0-9][0-9]-*.sql")))
APP_ID = "io.github.tongxin.Tongxin"
TODAY = "2026-11-27"
CONSULTATION = "城区停车难问题协商"
# the sample data, as the fixture holds it
PEOPLE, CONSULTATIONS, RECOMMENDATIONS = 168, 24, 31


class Context:
    def __init__(self, folder, installed):
        self.folder = folder
        self.installed = installed
        self.cli = "/usr/bin/tongxin-cli" if installed else os.environ["TONGXIN_CLI"]
        self.home = os.path.join(folder, "home")
        os.makedirs(self.home)

    def env(self, language=None):
        """The environment of a clerk's session: for the installed
        programs, nothing that points into the build."""
        env = dict(os.environ)
        if self.installed:
            for name in list(env):
                if name.startswith("TONGXIN_") or name in ("GSETTINGS_SCHEMA_DIR", "FONTCONFIG_FILE",
                                                           "XDG_DATA_DIRS", "LD_LIBRARY_PATH"):
                    del env[name]
            env["HOME"] = self.home
            env.pop("XDG_DATA_HOME", None)
            env.pop("XDG_CONFIG_HOME", None)
        env["LC_ALL"] = "zh_CN.UTF-8" if language == "zh_CN" else "C.UTF-8"
        env["LANG"] = env["LC_ALL"]
        env["LANGUAGE"] = language or "C"
        return env

    def run(self, *args, language=None, check=True, program=None):
        result = subprocess.run([program or self.cli, *args], capture_output=True, text=True,
                                env=self.env(language), cwd=self.folder)
        if check and result.returncode != 0:
            raise AssertionError("%s %s exited with %d: %s%s" % (program or self.cli, " ".join(args),
                                                                 result.returncode, result.stdout, result.stderr))
        return result


def expect(condition, message):
    if not condition:
        raise AssertionError(message)


def counts(path):
    with sqlite3.connect(path) as db:
        return tuple(db.execute(query).fetchone()[0] for query in (
            "SELECT count(*) FROM person WHERE deleted_at IS NULL",
            "SELECT count(*) FROM consultation WHERE deleted_at IS NULL",
            "SELECT count(*) FROM outcome WHERE deleted_at IS NULL"))


def user_version(path):
    with sqlite3.connect(path) as db:
        return db.execute("PRAGMA user_version").fetchone()[0]


def apt(*args):
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    result = subprocess.run(["apt-get", "-y", "-q", *args], capture_output=True, text=True, env=env)
    if result.returncode != 0:
        raise AssertionError("apt-get %s: %s%s" % (" ".join(args), result.stdout, result.stderr))


# ---- the upgrade of an older database --------------------------------

def test_upgrade(ctx):
    """a database of schema 17 is updated when first opened, after a backup, and nothing is lost"""
    folder = os.path.join(ctx.folder, "升级")
    os.makedirs(folder)
    db = os.path.join(folder, "同心.db")
    with open(FIXTURE, encoding="utf-8") as sql:
        subprocess.run(["sqlite3", db], stdin=sql, check=True, capture_output=True)
    expect(user_version(db) == 17, "the fixture is not of schema 17")
    before = counts(db)
    expect(before == (PEOPLE, CONSULTATIONS, RECOMMENDATIONS), "the fixture holds %r" % (before,))

    # any command opens it, and the update happens then
    days = ctx.run("--db", db, "config", "get", "feedback-days").stdout.strip()
    expect(days.isdigit(), "config get feedback-days said %r" % days)
    expect(user_version(db) == LATEST, "schema %d after opening, not %d" % (user_version(db), LATEST))

    backups = glob.glob(os.path.join(folder, "同心-backups", "before-update-*.db"))
    expect(len(backups) == 1, "backups before the update: %r" % backups)
    expect(user_version(backups[0]) == 17, "the backup is not the database as it was")
    expect(counts(backups[0]) == before, "the backup lost records")

    expect(counts(db) == before, "the update lost records: %r, was %r" % (counts(db), before))
    check = ctx.run("--db", db, "check")
    expect("sound" in check.stdout, "check said: %s" % check.stdout)
    expect("168" in check.stdout, "check does not count the 168 people: %s" % check.stdout)

    # the training survived migration 0019, which made the table anew
    activities = json.loads(ctx.run("--db", db, "activity", "list", "--format", "json").stdout)
    expect([(a["kind"], a["title"]) for a in activities] == [("training", "2026年联络组长业务培训")],
           "activities after the update: %r" % activities)
    # and what 0018 added works: the day a post was taken up
    untrained = ctx.run("--db", db, "--today", TODAY, "roster", "untrained", "--format", "json")
    expect(isinstance(json.loads(untrained.stdout), list), "roster untrained: %s" % untrained.stdout)

    # opened again: no second update, no second backup of it
    ctx.run("--db", db, "config", "get", "feedback-days")
    expect(len(glob.glob(os.path.join(folder, "同心-backups", "before-update-*.db"))) == 1,
           "a second backup before an update")


# ---- the package -----------------------------------------------------

EXPECTED_FILES = [
    "./usr/bin/tongxin",
    "./usr/bin/tongxin-cli",
    "./usr/share/applications/%s.desktop" % APP_ID,
    "./usr/share/metainfo/%s.metainfo.xml" % APP_ID,
    "./usr/share/icons/hicolor/scalable/apps/%s.svg" % APP_ID,
    "./usr/share/glib-2.0/schemas/%s.gschema.xml" % APP_ID,
    "./usr/share/locale/zh_CN/LC_MESSAGES/tongxin.mo",
    "./usr/share/fontconfig/conf.avail/35-tongxin-gbt9704.conf",
    "./etc/fonts/conf.d/35-tongxin-gbt9704.conf",
    "./usr/share/man/man1/tongxin.1.gz",
    "./usr/share/man/man1/tongxin-cli.1.gz",
    "./usr/share/man/zh_CN/man1/tongxin-cli.1.gz",
    "./usr/share/bash-completion/completions/tongxin-cli",
    "./usr/share/doc/tongxin/copyright",
]


def test_package(ctx):
    """the package holds everything Tongxin reads, and lintian finds no error in it"""
    listing = subprocess.run(["dpkg-deb", "-c", ctx.deb], capture_output=True, text=True, check=True).stdout
    paths = {line.split()[5] for line in listing.splitlines() if len(line.split()) >= 6}
    missing = [path for path in EXPECTED_FILES if path not in paths]
    expect(not missing, "not in the package: %s" % ", ".join(missing))
    fields = subprocess.run(["dpkg-deb", "-f", ctx.deb, "Depends", "Recommends"], capture_output=True,
                            text=True, check=True).stdout
    for package in ("libgtk-4-1", "libadwaita-1-0", "libsqlite3-0", "fonts-noto-cjk"):
        expect(package in fields, "%s is not among the package's dependencies: %s" % (package, fields))
    lintian = subprocess.run(["lintian", "--fail-on", "error", ctx.deb], capture_output=True, text=True)
    expect(lintian.returncode == 0, "lintian: %s%s" % (lintian.stdout, lintian.stderr))


def test_install(ctx):
    """apt installs the package from its file"""
    apt("install", "--no-install-recommends", os.path.abspath(ctx.deb))
    expect(os.access("/usr/bin/tongxin-cli", os.X_OK), "no /usr/bin/tongxin-cli")


def test_version(ctx):
    """tongxin-cli --version says the version of the package"""
    version = ctx.run("--version").stdout
    expect(version.startswith("tongxin-cli 0.1.0"), "--version said %r" % version)
    status = subprocess.run(["dpkg-query", "-W", "-f", "${Version}", "tongxin"], capture_output=True, text=True)
    expect(status.stdout.startswith("0.1.0"), "dpkg knows version %r" % status.stdout)


def test_documents(ctx):
    """the sample data in the usual place, its minutes (ODT) and a sign-in sheet (PDF), in Chinese"""
    ctx.run("--today", TODAY, "demo")
    db = os.path.join(ctx.home, ".local", "share", "tongxin", "tongxin.db")
    expect(os.path.isfile(db), "the sample data is not in %s" % db)
    ctx.db = db

    odt = os.path.join(ctx.folder, "会议纪要.odt")
    ctx.run("minutes", CONSULTATION, odt, language="zh_CN")
    with zipfile.ZipFile(odt) as document:
        expect(document.read("mimetype") == b"application/vnd.oasis.opendocument.text", "not an ODT")
        content = document.read("content.xml").decode("utf-8")
    expect(CONSULTATION in content, "the minutes do not name the consultation")

    pdf = os.path.join(ctx.folder, "签到表.pdf")
    ctx.run("signin-sheet", CONSULTATION, pdf, language="zh_CN")
    text = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True, check=True).stdout
    expect("签到" in text and CONSULTATION[:6] in text, "the sign-in sheet says: %s" % text[:300])

    help_text = ctx.run("--help", language="zh_CN").stdout
    expect(help_text.startswith("用法："), "the translations are not found: %s" % help_text[:80])


def window_of(title):
    tree = subprocess.run(["xwininfo", "-root", "-tree"], capture_output=True, text=True).stdout
    for line in tree.splitlines():
        parts = line.split()
        if len(parts) >= 2 and parts[1] == '"%s":' % title:
            return parts[0]
    return None


def test_window(ctx):
    """the window opens in Chinese, with its translations, settings and icon as installed"""
    expect(os.environ.get("DISPLAY"), "no display: run under tests/run-with-display")
    keys = subprocess.run(["gsettings", "list-keys", APP_ID], capture_output=True, text=True, env=ctx.env())
    expect(keys.returncode == 0 and keys.stdout.strip(), "the settings' schema is not installed: %s" % keys.stderr)

    env = ctx.env("zh_CN")
    env["GSETTINGS_BACKEND"] = "memory"
    env["NO_AT_BRIDGE"] = "1"
    # no accessibility bus: its registry would write into the TAP output
    env["GTK_A11Y"] = "none"
    window = subprocess.Popen(["/usr/bin/tongxin", "--db", ctx.db], env=env, cwd=ctx.folder,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        found = None
        deadline = time.monotonic() + 60
        while found is None and time.monotonic() < deadline and window.poll() is None:
            time.sleep(0.5)
            found = window_of("同心")
        expect(found is not None, "no window titled 同心 (the translation) within a minute")
        # GTK sets the icon of the window only when the theme has it
        icon = ""
        deadline = time.monotonic() + 20
        while "Icon" not in icon and time.monotonic() < deadline:
            icon = subprocess.run(["xprop", "-id", found, "_NET_WM_ICON"], capture_output=True, text=True).stdout
            time.sleep(0.5)
        expect("Icon (" in icon, "the window has no icon: %s" % icon[:200])
        wm_class = subprocess.run(["xprop", "-id", found, "WM_CLASS"], capture_output=True, text=True).stdout
        expect('"tongxin"' in wm_class, "WM_CLASS is %s" % wm_class)
    finally:
        window.terminate()
        try:
            output = window.communicate(timeout=20)[0]
        except subprocess.TimeoutExpired:
            window.kill()
            output = window.communicate()[0]
    expect("CRITICAL" not in output, "the window said: %s" % output[-2000:])


def test_desktop_files(ctx):
    """the installed desktop file and metainfo are valid"""
    desktop = "/usr/share/applications/%s.desktop" % APP_ID
    result = subprocess.run(["desktop-file-validate", desktop], capture_output=True, text=True)
    expect(result.returncode == 0 and not result.stdout.strip(), "desktop-file-validate: %s" % result.stdout)
    metainfo = "/usr/share/metainfo/%s.metainfo.xml" % APP_ID
    result = subprocess.run(["appstreamcli", "validate", "--no-net", metainfo], capture_output=True, text=True)
    expect(result.returncode == 0, "appstreamcli validate: %s%s" % (result.stdout, result.stderr))


def test_manual(ctx):
    """man finds tongxin-cli(1) and tongxin(1), in English and in Chinese"""
    english = ctx.run("-w", "tongxin-cli", program="man").stdout.strip()
    expect(english == "/usr/share/man/man1/tongxin-cli.1.gz", "man -w tongxin-cli: %s" % english)
    chinese = ctx.run("-w", "tongxin-cli", program="man", language="zh_CN").stdout.strip()
    expect(chinese == "/usr/share/man/zh_CN/man1/tongxin-cli.1.gz", "man -w in Chinese: %s" % chinese)
    window = ctx.run("-w", "tongxin", program="man").stdout.strip()
    expect(window == "/usr/share/man/man1/tongxin.1.gz", "man -w tongxin: %s" % window)
    env = ctx.env()
    env["MANWIDTH"] = "80"
    text = subprocess.run(["man", "-P", "cat", "tongxin-cli"], capture_output=True, text=True, env=env).stdout
    expect("EXIT STATUS" in text and "roster import" in text, "man tongxin-cli says: %s" % text[:300])


def test_completion(ctx):
    """bash-completion loads the completion of tongxin-cli, which offers the names of the database"""
    script = ("source /usr/share/bash-completion/bash_completion\n"
              "_completion_loader tongxin-cli\n"
              "COMP_WORDS=(tongxin-cli ledger --township 金); COMP_CWORD=3; COMP_LINE='tongxin-cli ledger --township 金';"
              " COMP_POINT=${#COMP_LINE}; COMPREPLY=(); _tongxin_cli; echo \"${COMPREPLY[*]}\"\n")
    out = subprocess.run(["bash", "--norc", "--noprofile", "-c", script], capture_output=True, text=True,
                         env=ctx.env()).stdout
    expect(out.strip() == "金山街道", "the completion offered %r" % out)


def test_remove(ctx):
    """removing and purging the package leaves the clerk's database as it was"""
    before = counts(ctx.db)
    apt("remove", "tongxin")
    expect(not os.path.exists("/usr/bin/tongxin-cli"), "tongxin-cli is still installed")
    expect(not os.path.lexists("/etc/fonts/conf.d/35-tongxin-gbt9704.conf"), "the fontconfig link is left")
    # what apt removed, dpkg purges: apt knows no package of a file
    subprocess.run(["dpkg", "--purge", "tongxin"], capture_output=True, text=True, check=True)
    expect(subprocess.run(["dpkg-query", "-W", "tongxin"], capture_output=True).returncode != 0,
           "dpkg still knows the package")
    expect(os.path.isfile(ctx.db), "the database is gone")
    expect(counts(ctx.db) == before, "the database changed: %r, was %r" % (counts(ctx.db), before))
    with sqlite3.connect(ctx.db) as db:
        expect(db.execute("PRAGMA integrity_check").fetchone()[0] == "ok", "the database is damaged")


BUILD_TESTS = [test_upgrade]
INSTALLED_TESTS = [test_package, test_install, test_version, test_documents, test_window, test_desktop_files,
                   test_manual, test_completion, test_upgrade, test_remove]


def main():
    installed = "--installed" in sys.argv[1:]
    if installed:
        deb = os.environ.get("TONGXIN_DEB")
        if not deb:
            print("1..0 # SKIP TONGXIN_DEB is not set: build-aux/dev test builds and installs the package")
            return 0
        if os.geteuid() != 0:
            print("1..0 # SKIP installing a package needs root")
            return 0
        tests = INSTALLED_TESTS
    else:
        if not os.environ.get("TONGXIN_CLI"):
            print("1..0 # SKIP TONGXIN_CLI is not set")
            return 0
        tests = BUILD_TESTS

    print("1..%d" % len(tests))
    failed = 0
    with tempfile.TemporaryDirectory(prefix="tx-installed-") as folder:
        ctx = Context(folder, installed)
        ctx.deb = os.environ.get("TONGXIN_DEB")
        ctx.db = None
        for i, test in enumerate(tests, 1):
            try:
                test(ctx)
                print("ok %d %s" % (i, test.__name__))
            except Exception:
                failed += 1
                print("not ok %d %s # %s" % (i, test.__name__, test.__doc__))
                for line in traceback.format_exc().splitlines():
                    print("# %s" % line)
            sys.stdout.flush()
        if installed and shutil.which("tongxin-cli") and os.path.exists("/usr/bin/tongxin-cli"):
            # a failure before the removal leaves nothing installed
            result = subprocess.run(["dpkg", "--purge", "tongxin"], capture_output=True, text=True)
            if result.returncode != 0:
                print("# dpkg --purge tongxin: %s" % result.stderr.strip().replace("\n", " "))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
