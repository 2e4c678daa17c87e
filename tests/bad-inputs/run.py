#!/usr/bin/env python3
# run.py — the bad-input catalogue: every case of tests/bad-inputs/*.py
# given to tongxin-cli, printed as TAP.
#
#   run.py [NAME-PREFIX...]     run the cases whose names begin so
#
# Needs TONGXIN_CLI (the tool of the build) and sqlite3.  Each case runs
# in its own folder, on a copy of the database it asks for; the sample
# database is made once, on the day of case.TODAY.
#
# SPDX-License-Identifier: GPL-3.0-or-later
import importlib.util
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
# Last, not first (where Python puts a script's folder): the cases are
# named after what they test, csv.py and xml.py, and the standard
# library's modules of those names must still be the ones imported.
sys.path = [p for p in sys.path if os.path.abspath(p or os.curdir) != HERE] + [HERE]

sys.path.append(os.path.join(os.path.dirname(HERE), "pylib"))

from case import Case, Context, TODAY  # noqa: E402
from faketime_aside import child_env, step_aside  # noqa: E402
import slowdown  # noqa: E402

CLI = os.environ.get("TONGXIN_CLI")


def load_cases():
    cases = []
    for name in sorted(os.listdir(HERE)):
        if not name.endswith(".py") or name in ("case.py", "run.py", "template_db.py"):
            continue
        spec = importlib.util.spec_from_file_location(name[:-3], os.path.join(HERE, name))
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        cases.extend(getattr(module, "CASES", []))
    return cases


def dump(db):
    if not os.path.exists(db):
        return None
    return subprocess.run(["sqlite3", db, ".dump"], capture_output=True, check=True).stdout


NOBODY = 65534


def cli(db, args, env=None, fsize_limit=None, timeout=30, nobody=False):
    def limit():
        # as a shell would start it: SIGXFSZ as the parent has it
        if fsize_limit is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (fsize_limit, fsize_limit))
        # root may write anything: a read-only disk is one nobody may write
        if nobody and os.geteuid() == 0:
            os.setgid(NOBODY)
            os.setuid(NOBODY)

    full_env = child_env()
    full_env.update(env or {})
    if nobody and os.geteuid() == 0:
        full_env["HOME"] = "/nonexistent"
    return subprocess.run([CLI, "--db", db, "--today", TODAY] + list(args),
                          capture_output=True, env=full_env, preexec_fn=limit, timeout=timeout)


def words(expected):
    if expected is None:
        return []
    return [expected] if isinstance(expected, str) else list(expected)


class Catalogue:
    def __init__(self, work):
        self.work = work
        self.templates = {}
        self.fonts_ready = False

    def ready_fonts(self):
        """Draws a document once with room on the disk: fontconfig
        then finds its caches current and need not write them during a
        case on a full disk (a cache left stale by another program
        would otherwise add fontconfig's own words to stderr)."""
        if self.fonts_ready:
            return
        self.fonts_ready = True
        out = os.path.join(self.work, "fonts-ready.pdf")
        cli(self.template("demo"), ["roster", "print", out])

    def template(self, kind):
        """A database made once and copied for each case."""
        if kind not in self.templates:
            path = os.path.join(self.work, "template-%s.db" % kind)
            if kind == "demo":
                run = cli(path, ["demo"])
            elif kind == "empty":
                run = cli(path, ["init"])
            else:
                raise ValueError("no template %r" % kind)
            if run.returncode != 0:
                raise RuntimeError("cannot make the %s database: %s" % (kind, run.stderr.decode()))
            self.templates[kind] = path
        return self.templates[kind]

    def run_case(self, case):
        dir = tempfile.mkdtemp(prefix="case-", dir=self.work)
        ctx = Context(dir, os.path.join(dir, "tongxin.db"))
        try:
            if isinstance(case.db, str):
                shutil.copyfile(self.template(case.db), ctx.db)
                os.chmod(ctx.db, 0o600)
            elif callable(case.db):
                case.db(ctx)

            for name, content in case.files.items():
                data = content(ctx) if callable(content) else content
                with open(ctx.path(name), "wb") as out:
                    out.write(data)

            def expand(arg):
                for name in case.files:
                    arg = arg.replace("{%s}" % name, ctx.path(name))
                return arg.replace("{dir}", dir).replace("{db}", ctx.db)
            args = [expand(a) for a in case.args]
            before = dump(ctx.db)
            start = time.monotonic()
            if case.nobody:
                # the folders on the way must at least be passable
                for folder in (self.work, dir):
                    os.chmod(folder, os.stat(folder).st_mode | 0o111)
            if case.fsize_limit is not None:
                self.ready_fonts()
            try:
                run = cli(ctx.db, args, case.env, case.fsize_limit,
                          slowdown.seconds(case.timeout), case.nobody)
            except subprocess.TimeoutExpired:
                raise AssertionError("took longer than %g s" % slowdown.seconds(case.timeout))
            ctx.seconds = time.monotonic() - start
            ctx.status = run.returncode
            ctx.out = run.stdout.decode("utf-8", "replace")
            ctx.err = run.stderr.decode("utf-8", "replace")

            problems = []
            if ctx.status < 0:
                problems.append("killed by signal %d (%s)" % (-ctx.status, signal.Signals(-ctx.status).name))
            elif ctx.status != case.exit:
                problems.append("exit status %d, expected %d" % (ctx.status, case.exit))
            for word in words(case.message):
                if word not in ctx.err:
                    problems.append("stderr lacks %r" % word)
            for word in words(case.stdout):
                if word not in ctx.out:
                    problems.append("stdout lacks %r" % word)
            if case.exit != 0 and ctx.err.strip() == "":
                problems.append("failed without a message")
            if "Traceback" in ctx.err or "CRITICAL" in ctx.err or "WARNING" in ctx.err:
                problems.append("stderr has a warning: %s" % ctx.err.strip().splitlines()[0])
            if case.unchanged and dump(ctx.db) != before:
                problems.append("the database changed")
            if case.check is not None and not problems:
                case.check(ctx)
            if problems:
                raise AssertionError("; ".join(problems) +
                                     "\n  stderr: " + ctx.err.strip().replace("\n", "\n  stderr: "))
        finally:
            shutil.rmtree(dir, ignore_errors=True)


def main():
    step_aside()
    if not CLI:
        print("run.py: TONGXIN_CLI is not set", file=sys.stderr)
        return 2
    cases = load_cases()
    names = [c.name for c in cases]
    duplicates = {n for n in names if names.count(n) > 1}
    if duplicates:
        print("run.py: cases named twice: %s" % ", ".join(sorted(duplicates)), file=sys.stderr)
        return 2
    if len(sys.argv) > 1:
        cases = [c for c in cases if any(c.name.startswith(p) for p in sys.argv[1:])]

    work = tempfile.mkdtemp(prefix="tongxin-bad-inputs-")
    catalogue = Catalogue(work)
    import template_db
    template_db.catalogue = catalogue
    failed = 0
    print("1..%d" % len(cases))
    try:
        for number, case in enumerate(cases, 1):
            try:
                catalogue.run_case(case)
                print("ok %d %s" % (number, case.name))
            except Exception as error:
                failed += 1
                detail = error if isinstance(error, AssertionError) else traceback.format_exc()
                print("not ok %d %s" % (number, case.name))
                for line in str(detail).splitlines():
                    print("# " + line)
            sys.stdout.flush()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
