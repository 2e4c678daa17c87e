# xml.py — exchange files that are not what another office's Tongxin
# writes: made to harm the computer that reads them, broken, of another
# kind or version, or with records the editors refuse
#
# Each is refused quickly (the timeouts are a few seconds, where the
# harmful ones once took minutes and gigabytes), in the clerk's words
# and never libxml2's, and changes nothing.
#
# SPDX-License-Identifier: GPL-3.0-or-later
import os
import subprocess

import slowdown
from case import Case
from database import no_backup_taken

# 金山街道 of the sample data
TOWNSHIP = "b765363f-4e08-4e4b-836f-c4846d559edb"

HEADER = '<?xml version="1.0" encoding="UTF-8"?>\n'
ROOT = '<tongxin xmlns="urn:tongxin:exchange:1" exported="2026-11-27T10:00:00+08:00">\n'
END = "</tongxin>\n"

# libxml2's own words, which must never reach the clerk
LIBXML2_WORDS = ["Expecting", "Did not expect", "failed to validate", "Error validating", "parser error",
                 "Premature end", "Couldn't find", "Opening and ending tag", "xmlSAX2", "XML_PARSE_HUGE",
                 "Entity", "Extra content", "Start tag expected", "Document is empty"]


def exchange(*records, root=ROOT):
    return (HEADER + root + "".join(records) + END).encode("utf-8")


def person(name="陈明", phone="", uuid="6b1f0c1e-7a34-4c1d-9a55-0e6f1d2c3b4a",
           updated="2026-11-20T10:00:00+08:00", notes=""):
    return ('<person uuid="%s" updated="%s" township="%s"><name>%s</name>%s%s</person>\n'
            % (uuid, updated, TOWNSHIP, name, "<phone>%s</phone>" % phone if phone else "",
               "<notes>%s</notes>" % notes if notes else ""))


STAGES_IN_ORDER = ('<stage name="selection" done="2026-03-01"/><stage name="research" done="2026-03-05"/>'
                   '<stage name="meeting" done="2026-03-10"/><stage name="submission"/>'
                   '<stage name="feedback"/><stage name="supervision"/>')


def consultation(stages=STAGES_IN_ORDER, starts="2026-03-10T09:00:00+08:00",
                 ends="2026-03-10T11:00:00+08:00", title="冷库建设协商", after=""):
    return ('<consultation uuid="0d6e6f3a-2b1c-4d5e-8f90-a1b2c3d4e5a0" township="%s" updated="2026-11-20T10:00:00+08:00">\n'
            '<title>%s</title><topic-source>cppcc</topic-source><orientation>livelihood</orientation>'
            '<platform>physical</platform><starts>%s</starts><ends>%s</ends>\n%s\n%s</consultation>\n'
            % (TOWNSHIP, title, starts, ends, stages, after))


def outcome(feedback='<feedback received="2026-04-10">已采纳</feedback>', submitted="2026-04-01"):
    return ('<outcome uuid="0d6e6f3a-2b1c-4d5e-8f90-a1b2c3d4e5a1" consultation="0d6e6f3a-2b1c-4d5e-8f90-a1b2c3d4e5a0" '
            'updated="2026-11-20T10:00:00+08:00"><title>关于建设冷库的建议</title>'
            '<submitted-to>government</submitted-to><submitted>%s</submitted>%s</outcome>\n'
            % (submitted, feedback))


def billion_laughs():
    entities = "".join('<!ENTITY lol%d "%s">\n' % (i, ("&lol%d;" % (i - 1)) * 10) for i in range(1, 10))
    return (HEADER + '<!DOCTYPE tongxin [\n<!ENTITY lol0 "lol">\n' + entities + "]>\n" + ROOT
            + person(notes="&lol9;") + END).encode("utf-8")


def deep(inside, element):
    return (HEADER + ROOT + inside + ("<%s>" % element) * 100000 + ("</%s>" % element) * 100000
            + ("</person>" if inside else "") + END).encode("utf-8")


def demo_export(ctx):
    """The sample data as Tongxin exports it."""
    path = ctx.path("export.xml")
    subprocess.run([os.environ["TONGXIN_CLI"], "--db", ctx.db, "--today", "2026-11-27", "export", path],
                   check=True, capture_output=True)
    with open(path, "rb") as exported:
        return exported.read()


def stored_updated(ctx, uuid):
    rows = ctx.sql("SELECT updated_at FROM person WHERE uuid = '%s'" % uuid)
    assert len(rows) == 1, "%d rows" % len(rows)
    return rows[0][0]


def check_clamped(ctx):
    updated = stored_updated(ctx, "6b1f0c1e-7a34-4c1d-9a55-0e6f1d2c3b4a")
    # the import's day, 2026-11-27 (its start, or its time when the clock
    # says so too), never 9999
    assert updated.startswith("2026-11-2") and updated < "2026-11-29", "updated is %s" % updated


def no_libxml2_words(ctx):
    for word in LIBXML2_WORDS:
        assert word not in ctx.err, "libxml2's words reach the clerk: %s" % ctx.err.strip()


def fast(ctx):
    no_libxml2_words(ctx)
    assert ctx.seconds < slowdown.seconds(5), "took %.1f s" % ctx.seconds


def refused(check):
    """@check, and no backup left by a file refused: the one taken
    before its records were read is removed with them."""
    def checks(ctx):
        check(ctx)
        no_backup_taken(ctx)
    return checks


def run(name, data, message, exit=1, **more):
    more.setdefault("check", no_libxml2_words)
    if exit != 0:
        more["check"] = refused(more["check"])
    return Case(name, ["import", "{exchange}"], exit=exit, message=message, files={"exchange": data}, **more)


CASES = [
    # made to harm
    run("xml/doctype", (HEADER + '<!DOCTYPE tongxin SYSTEM "tongxin.dtd">\n' + ROOT + END).encode(),
        ["document type declaration"]),
    run("xml/billion-laughs", billion_laughs(), ["document type declaration"], check=fast, timeout=10),
    run("xml/external-entity",
        (HEADER + '<!DOCTYPE tongxin [ <!ENTITY secret SYSTEM "file:///etc/passwd"> ]>\n' + ROOT
         + person(notes="&secret;") + END).encode(),
        ["document type declaration"], check=fast),
    run("xml/doctype-after-comment", (HEADER + "<!-- 导出 -->\n<!DOCTYPE tongxin>\n" + ROOT + END).encode(),
        ["document type declaration"]),
    run("xml/undeclared-entity", exchange(person(notes="&secret;")), ["line 3", "damaged or incomplete"]),
    run("xml/deep-nesting", deep("", "a"), ["line 3", "not what an exchange file holds here"], check=fast, timeout=10),
    run("xml/deep-nesting-in-record",
        deep('<person uuid="6b1f0c1e-7a34-4c1d-9a55-0e6f1d2c3b4a" updated="2026-11-20T10:00:00+08:00"><name>x</name>', "notes"),
        ["line 3", "not what an exchange file holds here"], check=fast, timeout=10),
    run("xml/huge-text", exchange(person(notes="长" * 4000000)), ["line 3", "more than can be read"],
        check=fast, timeout=10),
    run("xml/long-text", exchange(person(notes="长" * 100000)), ["line 3", "longer than any text Tongxin keeps"]),
    run("xml/long-notes", exchange(person(notes="长" * 2001)),
        ["line 3", "The notes cannot be longer than 2000 characters"]),

    # not an exchange file, or not whole
    run("xml/empty-file", b"", ["is empty"]),
    run("xml/not-xml", "姓名,联系电话\n王芳,13985401111\n".encode("utf-8"), ["not an exchange file", "not XML"]),
    run("xml/utf16", ("\ufeff" + HEADER + ROOT + END).encode("utf-16-le"), ["UTF-8"]),
    run("xml/wrong-root", (HEADER + "<html><body>hello</body></html>\n").encode(),
        ["line 2", "not a Tongxin exchange file"]),
    run("xml/wrong-namespace", exchange(root='<tongxin xmlns="http://example.com/" exported="2026-11-27T10:00:00+08:00">\n'),
        ["not a Tongxin exchange file", "http://example.com/"]),
    run("xml/newer-version", exchange(root='<tongxin xmlns="urn:tongxin:exchange:2" exported="2026-11-27T10:00:00+08:00">\n'),
        ["another version of the exchange format", "urn:tongxin:exchange:2"]),
    run("xml/truncated", lambda ctx: demo_export(ctx)[:60000], ["damaged or incomplete"]),
    run("xml/schema-invalid", exchange(person().replace("</name>", "</name><category>mayor</category>")),
        ["line 3", "not what an exchange file holds here", "<category>"]),
    # a uuid only as Tongxin writes it: lowercase, 8-4-4-4-12 digits
    *[run("xml/uuid-" + what, exchange(person(uuid=uuid)), ["line 3", "not what an exchange file holds here"])
      for what, uuid in [("uppercase", "6B1F0C1E-7A34-4C1D-9A55-0E6F1D2C3B4A"),
                         ("short", "6b1f0c1e-7a34-4c1d-9a55-0e6f1d2c3b4"),
                         ("long", "6b1f0c1e-7a34-4c1d-9a55-0e6f1d2c3b4aa"),
                         ("not-hex", "6b1f0c1e-7a34-4c1d-9a55-0e6f1d2c3b4g"),
                         ("dash-moved", "6b1f0c1e7-a34-4c1d-9a55-0e6f1d2c3b4a"),
                         ("braces", "{6b1f0c1e-7a34-4c1d-9a55-0e6f1d2c3b}")]],
    run("xml/dangling-reference",
        exchange(person().replace(TOWNSHIP, "0d6e6f3a-2b1c-4d5e-8f90-a1b2c3d4e5f9")),
        ["line 3", "0d6e6f3a-2b1c-4d5e-8f90-a1b2c3d4e5f9", "neither in the file nor in the database"]),

    # records the editors refuse
    run("xml/duplicate-uuid", exchange(person("陈明"), person("陈亮", uuid="6b1f0c1e-7a34-4c1d-9a55-0e6f1d2c3b4b"),
                                       person("陈光", updated="2026-11-21T10:00:00+08:00")),
        ["line 5", "6b1f0c1e-7a34-4c1d-9a55-0e6f1d2c3b4a", "two records", "the person 陈明 on line 3", "the person 陈光"]),
    run("xml/reverse-stages",
        exchange(consultation(stages='<stage name="selection" done="2026-03-20"/><stage name="research" done="2026-03-05"/>'
                                     '<stage name="meeting"/><stage name="submission"/><stage name="feedback"/>'
                                     '<stage name="supervision"/>')),
        ["line 3", "was done on 2026-03-20", "cannot be done earlier, on 2026-03-05"]),
    run("xml/stage-done-in-future",
        exchange(consultation(stages=STAGES_IN_ORDER.replace("2026-03-10", "2026-12-25"), starts="2026-12-25T09:00:00+08:00",
                              ends="2026-12-25T11:00:00+08:00")),
        ["line 3", "2026-12-25, which is after today"]),
    run("xml/feedback-before-submission", exchange(consultation(), outcome('<feedback received="2026-03-20">已采纳</feedback>')),
        ["line 7", "Feedback received on 2026-03-20 cannot come before the recommendation was submitted on 2026-04-01"]),
    run("xml/meeting-ends-before-start", exchange(consultation(ends="2026-03-10T08:00:00+08:00")),
        ["line 3", "The meeting ends before it starts"]),
    run("xml/bad-phone", exchange(person(phone="12345")), ["line 3", "“12345” is not a phone number"]),
    run("xml/u3000-name", exchange(person(name="\u3000\u3000")), ["line 3", "The name is empty"]),
    run("xml/zero-width-name", exchange(person(name="\u200b\u200c\ufeff")), ["line 3", "The name is empty"]),

    # two files, the second refused at its last record: neither is
    # imported, and the backup taken before them is removed
    Case("xml/second-of-two-refused", ["import", "{first}", "{second}"], message=["line 4", "The name is empty"],
         files={"first": exchange(person()),
                "second": exchange(person("陈亮", uuid="6b1f0c1e-7a34-4c1d-9a55-0e6f1d2c3b4b"),
                                   person(name="\u3000", uuid="6b1f0c1e-7a34-4c1d-9a55-0e6f1d2c3b4c"))},
         check=refused(no_libxml2_words)),

    # a record stamped far ahead by a wrong clock: taken with the
    # import's time, and said so
    run("xml/future-updated", exchange(person(updated="9999-12-31T23:59:59+08:00")), None, exit=0, unchanged=False,
        stdout=["1 added", "1 record was dated more than a day after today", "given the time of this import"],
        check=check_clamped),
]
