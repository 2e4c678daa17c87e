#!/usr/bin/env python3
# three-offices.py — two townships and their city office exchanging
# files through tongxin-cli alone, start to end, printed as TAP.
#
# 金山街道 and 凤山镇 each keep their roster, a consultation and a
# recommendation, and send them; the city office, which already knows a
# 金山街道 of its own (from its roster), receives both files (the two
# 金山街道 taken as one), plans the year, puts 金山街道 in a work group,
# issues the third quarter's circular and sends it all back; each
# township receives it and sees its colour as issued.  Then the city and
# 金山街道 both change the same recommendation, the city changes 曹红梅
# and the township takes her off its roster: the city's receipt reports
# exactly those two conflicts, keeps both versions, and each choice
# gives the row expected.  At the end every record of each township is
# at the city with the same fields, and every database is sound.
#
# Needs TONGXIN_CLI (the tool of the build) and python3's sqlite3.
#
# SPDX-License-Identifier: GPL-3.0-or-later
import gzip
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import traceback
import xml.etree.ElementTree as ET

sys.path.append(os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "pylib"))
from faketime_aside import child_env, step_aside  # noqa: E402

CLI = os.environ.get("TONGXIN_CLI")
NS = "{urn:tongxin:exchange:1}"
# the day every command is given (--today): the record's own times are
# the computer's, whatever day it is (the suite runs on several)
TODAY = "2026-11-02"

JINSHAN = "11111111-0000-4000-8000-000000000001"
FENGSHAN = "22222222-0000-4000-8000-000000000001"
CAO = "11111111-0000-4000-8000-0000000000a2"
JIN_ADVICE = "11111111-0000-4000-8000-0000000000d1"
JIN_ADVICE_TITLE = "关于增设城区停车泊位的建议"


def seed(township, name, kind, people, consultation, title, advice, advice_title):
    """An exchange file of one township's own records, as the township's
    clerk would have entered them (no office: a file of no sender).  Their
    stamps are older than any day the suite runs on, so each change made
    later is later by the computer's clock too."""
    stamp = "2001-01-01T02:00:00.000Z"
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<tongxin xmlns="urn:tongxin:exchange:1" exported="2026-10-01T10:00:00+08:00">',
             f'  <township uuid="{township}" name="{name}" kind="{kind}" updated="{stamp}"/>']
    for uuid, person, gender, category, village, phone in people:
        lines.append(f'  <person uuid="{uuid}" updated="{stamp}" township="{township}"><name>{person}</name>'
                     f'<gender>{gender}</gender><ethnicity>汉族</ethnicity><category>{category}</category>'
                     f'<phone>{phone}</phone><village>{village}</village></person>')
    lines.append(f'  <consultation uuid="{consultation}" township="{township}" updated="{stamp}">'
                 f'<title>{title}</title><topic-source>residents</topic-source><orientation>livelihood</orientation>'
                 '<platform>physical</platform><venue>协商议事室</venue><starts>2026-09-10T09:00:00+08:00</starts>'
                 '<stage name="selection" due="2026-08-01" done="2026-07-30"/>'
                 '<stage name="research" due="2026-08-20" done="2026-08-20"/>'
                 '<stage name="meeting" due="2026-09-10" done="2026-09-10"/>'
                 '<stage name="submission" due="2026-09-20" done="2026-09-18"/>'
                 '<stage name="feedback" due="2026-10-20"/><stage name="supervision" due="2026-12-20"/>')
    for i, person in enumerate(people):
        role = "host" if i == 0 else "member"
        lines.append(f'    <participant person="{person[0]}" role="{role}" invited="true" attended="true"/>')
    lines.append('  </consultation>')
    lines.append(f'  <outcome uuid="{advice}" consultation="{consultation}" updated="{stamp}">'
                 f'<title>{advice_title}</title><content>原稿</content><submitted-to>government</submitted-to>'
                 '<submitted>2026-09-18</submitted></outcome>')
    lines.append('</tongxin>')
    return "\n".join(lines) + "\n"


class Offices:
    def __init__(self, work):
        self.work = work
        self.checks = 0
        self.failed = 0

    def path(self, name):
        return os.path.join(self.work, name)

    def cli(self, office, *args, today=TODAY, status=0):
        command = [CLI, "--db", self.path(office + ".db")]
        if today is not None:
            command += ["--today", today]
        command += list(args)
        env = child_env()
        env["LANGUAGE"] = "C"
        done = subprocess.run(command, cwd=self.work, env=env, capture_output=True, text=True, timeout=120)
        if done.returncode != status:
            raise AssertionError("%s: exit %d, not %d\n%s%s" % (" ".join(args), done.returncode, status,
                                                                done.stdout, done.stderr))
        # what it printed: its message, when it was to fail
        return done.stdout if status == 0 else done.stderr

    def json(self, office, *args):
        return json.loads(self.cli(office, *args, "--format", "json"))

    def rows(self, office, sql, *params):
        with sqlite3.connect("file:%s?mode=ro" % self.path(office + ".db"), uri=True) as db:
            return db.execute(sql, params).fetchall()

    def write(self, name, text):
        with open(self.path(name), "w", encoding="utf-8") as f:
            f.write(text)

    def check(self, description, function):
        self.checks += 1
        try:
            function()
            print("ok %d - %s" % (self.checks, description))
        except Exception:
            self.failed += 1
            print("not ok %d - %s" % (self.checks, description))
            for line in traceback.format_exc().splitlines():
                print("# " + line)
            # the steps build on each other: stop at the first
            raise SystemExit(self.finish())

    def finish(self):
        print("1..%d" % self.checks)
        return 1 if self.failed else 0


def township_records(path, township_names):
    """The records of an exchange file, by uuid, each as its element with
    every attribute and child, the township it refers to by name (the two
    offices may know it by different ids) and without its time stamp."""
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        root = ET.fromstring(f.read().split(b"<?tongxin-sha256")[0])
    names = {t.get("uuid"): t.get("name") for t in root.iter(NS + "township")}
    records = {}
    for element in root:
        kind = element.tag[len(NS):]
        if kind not in ("person", "consultation", "outcome"):
            continue
        if "township" in element.attrib:
            if names.get(element.get("township")) not in township_names:
                continue
            element.set("township", names[element.get("township")])
        element.attrib.pop("updated", None)
        element.tail = None
        records[element.get("uuid")] = (kind, ET.tostring(element, encoding="unicode"))
    return records


def main():
    step_aside()
    if not CLI:
        print("1..0 # SKIP TONGXIN_CLI is not set")
        return 0

    with tempfile.TemporaryDirectory(prefix="tongxin-offices-") as work:
        o = Offices(work)
        return scenario(o)


def scenario(o):
    jinshan_people = [("11111111-0000-4000-8000-0000000000a1", "罗明远", "male", "liaison_leader", "古城社区", "13900127179"),
                      (CAO, "曹红梅", "female", "resident", "太极社区", "15053317471"),
                      ("11111111-0000-4000-8000-0000000000a3", "陈国华", "male", "cppcc_member", "东门社区", "13145983751")]
    fengshan_people = [("22222222-0000-4000-8000-0000000000a1", "王芳", "female", "liaison_leader", "凤山村", "13800001111"),
                       ("22222222-0000-4000-8000-0000000000a2", "李强", "male", "npc_deputy", "新场村", "13800002222")]

    def set_up():
        for office, organization in (("jinshan", "政协福泉市委员会金山街道联络组"),
                                     ("fengshan", "政协福泉市委员会凤山镇联络组"),
                                     ("city", "政协福泉市委员会")):
            o.cli(office, "init")
            o.cli(office, "config", "set", "organization", organization)
        o.cli("city", "config", "set", "office-kind", "city")
        # the files are dated by the computer's clock, which is not
        # --today: how long ago a township last sent is left out
        # (test-offices /offices/exchange-status tests it)
        o.cli("city", "config", "set", "stale-days", "0")
        assert o.cli("jinshan", "config", "get", "office-kind").strip() == "township"
        # the city's own roster names a 金山街道 of its own
        o.write("city.csv", "姓名,性别,乡镇(街道),身份类别,联系电话\n张伟,男,金山街道,政协委员,13900001111\n")
        o.cli("city", "roster", "import", "city.csv")
        city_jinshan = o.rows("city", "SELECT uuid FROM township WHERE name = '金山街道'")
        assert len(city_jinshan) == 1 and city_jinshan[0][0] != JINSHAN
    o.check("three offices set up; the city knows a 金山街道 of its own", set_up)

    def townships_enter():
        o.write("jinshan-seed.xml", seed(JINSHAN, "金山街道", "subdistrict", jinshan_people,
                                         "11111111-0000-4000-8000-0000000000c1", "城区停车难问题协商",
                                         JIN_ADVICE, JIN_ADVICE_TITLE))
        o.write("fengshan-seed.xml", seed(FENGSHAN, "凤山镇", "town", fengshan_people,
                                          "22222222-0000-4000-8000-0000000000c1", "集镇饮水安全协商",
                                          "22222222-0000-4000-8000-0000000000d1", "关于改造集镇供水管网的建议"))
        o.cli("jinshan", "import", "jinshan-seed.xml")
        o.cli("fengshan", "import", "fengshan-seed.xml")
        # and a person added to the roster as a clerk adds one
        o.write("jinshan.csv", "姓名,性别,乡镇(街道),村(社区),身份类别,联系电话\n周丽,女,金山街道,西门社区,利益相关方,13700003333\n")
        o.cli("jinshan", "roster", "import", "jinshan.csv")
        assert len(o.json("jinshan", "roster", "list")) == 4
    o.check("each township enters its roster, a consultation and a recommendation", townships_enter)

    def townships_send():
        o.cli("jinshan", "export", "--township", "金山街道", "--since-last", "jinshan-1.xml.gz")
        o.cli("fengshan", "export", "--township", "凤山镇", "--since-last", "fengshan-1.xml.gz")
        sent = o.json("jinshan", "sent")
        assert len(sent) == 1, sent
        root = ET.fromstring(gzip.open(o.path("jinshan-1.xml.gz")).read())
        assert root.get("office-kind") == "township" and root.get("township") == JINSHAN
        assert root.get("office-name") == "政协福泉市委员会金山街道联络组"
    o.check("each township sends its file (报送数据), and keeps a list of what it sent", townships_send)

    city_before = {}

    def preview():
        for table in ("person", "consultation", "outcome", "township"):
            city_before[table] = o.rows("city", "SELECT count(*) FROM %s" % table)[0][0]
        o.cli("city", "import", "jinshan-1.xml.gz", "fengshan-1.xml.gz", "--dry-run", "--report", "preview.json")
        report = json.load(open(o.path("preview.json")))
        assert report["dry_run"] is True
        jinshan, fengshan = report["files"]
        assert jinshan["added"] == 4 + 1 + 1, jinshan
        assert jinshan["townships_matched"] == 1 and jinshan["townships"] == ["金山街道"], jinshan
        assert fengshan["added"] == 1 + 2 + 1 + 1, fengshan
        assert jinshan["conflicts"] == [] and fengshan["conflicts"] == []
        for table, count in city_before.items():
            assert o.rows("city", "SELECT count(*) FROM %s" % table)[0][0] == count, table
    o.check("the city previews both files: the two 金山街道 offered as one, nothing written", preview)

    def receive():
        o.cli("city", "import", "jinshan-1.xml.gz", "fengshan-1.xml.gz", "--report", "receipt.json")
        report = json.load(open(o.path("receipt.json")))
        assert [f["imported"] for f in report["files"]] == [True, True], report
        townships = {t["name"]: t for t in o.json("city", "township", "list")}
        assert sorted(townships) == ["凤山镇", "金山街道"], townships
        assert townships["金山街道"]["uuid"] != JINSHAN
        assert townships["金山街道"]["complete"] is True and townships["金山街道"]["received"]
        assert townships["凤山镇"]["uuid"] == FENGSHAN
        peers = o.json("city", "peers")
        assert sorted(p["name"] for p in peers) == ["政协福泉市委员会凤山镇联络组", "政协福泉市委员会金山街道联络组"], peers
        people = o.json("city", "roster", "list", "--township", "金山街道")
        assert sorted(p["name"] for p in people) == sorted(["张伟", "罗明远", "曹红梅", "陈国华", "周丽"]), people
    o.check("the city receives both; one 金山街道 with everyone of both rosters", receive)

    def same_records(township, name):
        o.cli(township, "export", "--township", name, "mine.xml")
        o.cli("city", "export", "--township", name, "city-copy.xml")
        mine = township_records(o.path("mine.xml"), {name})
        copy = township_records(o.path("city-copy.xml"), {name})
        missing = sorted(set(mine) - set(copy))
        assert not missing, "not at the city: %s" % missing
        for uuid, (kind, element) in mine.items():
            assert copy[uuid] == (kind, element), "%s %s differs:\n%s\n%s" % (kind, uuid, element, copy[uuid][1])
        return mine, copy

    o.check("every record of 金山街道 is at the city, field by field", lambda: same_records("jinshan", "金山街道"))
    o.check("every record of 凤山镇 is at the city, field by field", lambda: same_records("fengshan", "凤山镇"))

    city_ledger = {}

    def city_issues():
        o.cli("city", "township", "plan", "金山街道", "2026", "4")
        o.cli("city", "township", "plan", "凤山镇", "2026", "2")
        o.cli("city", "workgroup", "add", "第一工作组", "--leader", "张伟")
        o.cli("city", "workgroup", "assign", "金山街道", "第一工作组")
        o.cli("city", "circular", "--year", "2026", "--quarter", "3", "circular.odt", "--number", "福政协通〔2026〕3号")
        for row in o.json("city", "ledger", "--year", "2026", "--quarter", "3"):
            city_ledger[row["name"]] = row
        assert city_ledger["金山街道"]["issued"] == TODAY
        assert city_ledger["金山街道"]["work_group"] == "第一工作组"
        # 1 of 4 held by the end of September, 3 expected: red
        assert city_ledger["金山街道"]["color"] == "red", city_ledger
        assert city_ledger["凤山镇"]["color"] == "green", city_ledger
        o.cli("city", "export", "--issue", "city-1.xml.gz")
    o.check("the city plans, groups, issues the circular and writes its file for the townships (下发)", city_issues)

    def townships_receive():
        for office, name, planned in (("jinshan", "金山街道", 4), ("fengshan", "凤山镇", 2)):
            o.cli(office, "import", "city-1.xml.gz", "--report", office + "-receipt.json")
            report = json.load(open(o.path(office + "-receipt.json")))["files"][0]
            assert report["imported"] and report["conflicts"] == [], report
            townships = {t["name"]: t for t in o.json(office, "township", "list", "--year", "2026")}
            assert townships[name]["planned"] == planned, townships
            ledger = {row["name"]: row for row in o.json(office, "ledger", "--year", "2026", "--quarter", "3")}
            for field in ("color", "reasons", "issued", "number", "version"):
                assert ledger[name][field] == city_ledger[name][field], (field, ledger[name], city_ledger[name])
        # a township keeps its own: 凤山镇 holds none of 金山街道's people
        assert o.rows("fengshan", "SELECT count(*) FROM person p JOIN township t ON t.id = p.township_id "
                                  "WHERE t.name = '金山街道'")[0][0] == 0
        assert city_ledger["金山街道"]["number"] == "福政协通〔2026〕3号"
    o.check("each township receives the city's file: its plan, and its colour as issued", townships_receive)

    def both_change():
        o.cli("city", "recommendation", "edit", JIN_ADVICE_TITLE, "--content", "市政协办公室：新增泊位不少于二百个。")
        o.write("city-edit.csv", "姓名,性别,乡镇(街道),村(社区),身份类别,联系电话\n曹红梅,女,金山街道,城关社区,群众,15053317471\n")
        o.cli("city", "roster", "import", "city-edit.csv")
        o.cli("jinshan", "recommendation", "edit", JIN_ADVICE, "--content", "金山街道：新增泊位，并推行错时共享。",
              "--adoption", "adopted", "--progress", "40")
        # what cannot be done is refused, and says what to write
        out = o.cli("jinshan", "recommendation", "edit", JIN_ADVICE, "--progress", "140", status=2)
        assert "write a whole number from 0 to 100" in out, out
        out = o.cli("jinshan", "roster", "delete", "无此人", status=1)
        assert "No one on the roster is called “无此人”" in out, out
        assert o.rows("jinshan", "SELECT progress FROM outcome WHERE uuid = ?", JIN_ADVICE) == [(40,)]
        o.cli("jinshan", "roster", "delete", "曹红梅")
        o.cli("jinshan", "roster", "delete", "曹红梅", status=1)
        o.cli("jinshan", "export", "--township", "金山街道", "--since-last", "jinshan-2.xml.gz")
        assert ET.fromstring(gzip.open(o.path("jinshan-2.xml.gz")).read()).get("since")
    o.check("the city and 金山街道 change the same recommendation; the township deletes 曹红梅, whom the city changed",
            both_change)

    def conflicts_previewed():
        o.cli("city", "import", "jinshan-2.xml.gz", "--dry-run", "--report", "preview-2.json")
        report = json.load(open(o.path("preview-2.json")))["files"][0]
        assert sorted(c["uuid"] for c in report["conflicts"]) == sorted([CAO, JIN_ADVICE]), report
        assert o.json("city", "conflicts", "list") == []
    o.check("the preview names the two conflicts and writes nothing", conflicts_previewed)

    conflicts = {}

    def conflicts_kept():
        o.cli("city", "import", "jinshan-2.xml.gz", "--report", "receipt-2.json")
        report = json.load(open(o.path("receipt-2.json")))["files"][0]
        assert report["updated"] == 0 and report["deleted"] == 0, report
        listed = o.json("city", "conflicts", "list")
        assert len(listed) == 2, listed
        for conflict in listed:
            conflicts[conflict["uuid"]] = conflict
        assert conflicts[JIN_ADVICE]["kind"] == "outcome"
        assert conflicts[CAO]["kind"] == "person"
        # both versions, field by field
        shown = json.dumps(o.json("city", "conflicts", "show", str(conflicts[JIN_ADVICE]["id"])), ensure_ascii=False)
        assert "市政协办公室：新增泊位不少于二百个。" in shown and "金山街道：新增泊位，并推行错时共享。" in shown, shown
        # the city's versions stay until someone decides
        assert o.rows("city", "SELECT content FROM outcome WHERE uuid = ?", JIN_ADVICE) == [("市政协办公室：新增泊位不少于二百个。",)]
        assert o.rows("city", "SELECT village, deleted_at IS NULL FROM person WHERE uuid = ?", CAO) == [("城关社区", 1)]
    o.check("the city's receipt keeps exactly those two conflicts, both versions", conflicts_kept)

    def decided():
        o.cli("city", "conflicts", "resolve", str(conflicts[JIN_ADVICE]["id"]), "theirs")
        o.cli("city", "conflicts", "resolve", str(conflicts[CAO]["id"]), "ours")
        assert o.json("city", "conflicts", "list") == []
        assert o.rows("city", "SELECT content, adoption, progress FROM outcome WHERE uuid = ?", JIN_ADVICE) == \
            [("金山街道：新增泊位，并推行错时共享。", "adopted", 40)], o.rows("city", "SELECT * FROM outcome")
        assert o.rows("city", "SELECT village, deleted_at IS NULL FROM person WHERE uuid = ?", CAO) == [("城关社区", 1)]
        o.cli("city", "conflicts", "resolve", str(conflicts[CAO]["id"]), "theirs", status=1)
    o.check("taking the township's recommendation and keeping the city's 曹红梅 give those rows", decided)

    def nothing_lost():
        o.cli("jinshan", "export", "--township", "金山街道", "mine.xml")
        o.cli("city", "export", "--township", "金山街道", "city-copy.xml")
        mine = township_records(o.path("mine.xml"), {"金山街道"})
        copy = township_records(o.path("city-copy.xml"), {"金山街道"})
        # 曹红梅 is off the township's roster and, by the city's choice, on the city's
        assert CAO not in mine and CAO in copy
        for uuid, record in mine.items():
            assert copy.get(uuid) == record, "%s differs:\n%s\n%s" % (uuid, record, copy.get(uuid))
        same_records("fengshan", "凤山镇")
        for office in ("jinshan", "fengshan", "city"):
            o.cli(office, "check")
    o.check("after the round trips nothing is lost: every record alike at both ends, every database sound",
            nothing_lost)

    return o.finish()


if __name__ == "__main__":
    sys.exit(main())
