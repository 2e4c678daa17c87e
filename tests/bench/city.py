#!/usr/bin/env python3
# city.py — a whole city's data as a Tongxin exchange file, for benchmarks
#
#   python3 tests/bench/city.py --people 100000 --out city.xml [--csv roster.csv]
#
# A city of 100 townships (镇, 乡, 街道 with made-up but plausible names)
# and --people people on its rosters; every table scales with the number
# of people:
#   - people: names, gender, ethnicity, categories, township, village,
#     organisation, post and a mobile number (unique, 11 digits);
#   - about people / 5 consultations, their meetings spread over
#     2024-2026, each with its six stages' due and done dates and about 15
#     participants of its own township, chosen by category;
#   - about 0.6 x people recommendations, with submission, feedback,
#     adoption, progress and supervision as far as each has come;
#   - a yearly plan per township for 2024, 2025 and 2026 (a few have none
#     for 2026, a few plan more than they hold).
# Dates are placed around a fixed today, 2026-11-27 (--today): stages
# left undone past their due date and feedback still awaited come in
# the numbers a city's ledger shows.
#
# Deterministic (a fixed seed, --seed), Python 3 standard library only,
# and streamed: records are written as they are made, and what is kept
# in memory is a few small numbers per person and per consultation.
# A city larger than tongxin-cli import reads in one file (4 GB; about
# 3 million people) is written in parts, city.xml, city.2.xml, …, each a
# whole exchange file whose records may refer to those of the parts
# before it: import them in order.  A city of 300,000 people is one
# file of 390 MB, as `tongxin-cli export` writes it.
# The same people can be written as a roster CSV (--csv) in the columns
# `tongxin-cli roster import` reads.
#
# Import it with:
#   tongxin-cli --db city.db --today 2026-11-27 import city.xml
#
# SPDX-License-Identifier: GPL-3.0-or-later

import argparse
import bisect
import datetime
import hashlib
import random
import sys

# Bump when the output changes: bench-city.py rebuilds its cached
# databases when the version differs.
VERSION = 4

TODAY = datetime.date(2026, 11, 27)
FIRST_MEETING = datetime.date(2024, 1, 8)
LAST_MEETING = datetime.date(2026, 12, 28)
YEARS = (2024, 2025, 2026)
N_TOWNSHIPS = 100
CITY = "清川市"

# What tongxin-cli import reads at most (MAX_FILE_SIZE, tx-exchange-read.c).
MAX_FILE_SIZE = 4000000000

# ---------------------------------------------------------------- words

SURNAMES = (
    # (surname, weight): the common ones of south-west China, and a few
    # of the peoples of Qiannan (韦 蒙 岑 班 莫) and two compound surnames
    ("王", 70), ("李", 68), ("张", 60), ("刘", 50), ("陈", 48), ("杨", 45), ("黄", 30),
    ("赵", 28), ("吴", 28), ("周", 26), ("徐", 18), ("孙", 17), ("马", 15), ("朱", 14),
    ("胡", 14), ("郭", 13), ("何", 13), ("高", 12), ("林", 11), ("罗", 18), ("郑", 10),
    ("梁", 10), ("谢", 9), ("宋", 9), ("唐", 9), ("韦", 12), ("蒙", 8), ("龙", 9),
    ("石", 9), ("潘", 9), ("丁", 5), ("龚", 5), ("莫", 6), ("岑", 5), ("卢", 6),
    ("邓", 8), ("冯", 7), ("曾", 7), ("彭", 7), ("袁", 6), ("田", 7), ("熊", 5),
    ("班", 3), ("贺", 4), ("肖", 6), ("蒋", 6), ("雷", 5), ("文", 4), ("付", 5),
    ("欧阳", 2), ("司马", 1),
)
GIVEN_MALE = (
    "伟", "强", "磊", "军", "勇", "杰", "涛", "明", "超", "刚", "平", "辉", "鹏", "华",
    "建华", "国强", "德胜", "志勇", "光明", "开云", "正清", "文彬", "建军", "永康",
    "国华", "德明", "光辉", "俊", "斌", "兴贵", "昌", "福", "顺", "忠", "海", "林",
    "宏", "浩", "宇", "晨", "子豪", "家乐", "天佑", "明远", "世杰", "绍林", "应龙",
)
GIVEN_FEMALE = (
    "芳", "敏", "静", "丽", "艳", "娟", "霞", "红", "燕", "玲", "婷", "雪", "琳",
    "秀英", "桂英", "春梅", "玉兰", "海燕", "金花", "秀芬", "红梅", "美华", "晓燕",
    "丽华", "小芳", "雨欣", "欣怡", "思琪", "梦瑶", "佳怡", "翠兰", "凤英", "秀",
)
ETHNICITIES = (("汉族", 62), ("布依族", 16), ("苗族", 12), ("水族", 5), ("侗族", 2),
               ("瑶族", 1), ("毛南族", 1), ("土家族", 1))

# two-character township and village names, made of these
NAME_FIRST = "金凤龙马牛仙陆道黄青石白云桥平安新兴和太永福长清双高大小柳竹梅兰松岩江河湖沙坪坝溪塘田阳明春华泉丰乐宝红绿翠碧望鹤鸣"
NAME_SECOND = "山场坪桥关寨溪江河岭岗湾坡冲堡庄田水口头坝洞营寨屯林园塘铺桥州源川湖岩溪"

# categories: weights of the people beyond the few each township has
CATEGORY_WEIGHTS = (
    ("resident", 42), ("stakeholder", 26), ("veteran_party_member", 5),
    ("retired_cadre", 4), ("local_notable", 3), ("expert", 5), ("official", 6),
    ("cppcc_member", 4), ("npc_deputy", 3), ("party_deputy", 2),
)
# the people every township has first, whatever its size
CORE_CATEGORIES = (
    ["liaison_leader"] + ["liaison_officer"] * 4 + ["cppcc_member"] * 3
    + ["npc_deputy"] * 3 + ["party_deputy"] * 2 + ["expert"] * 3 + ["official"] * 3
    + ["local_notable"] * 2 + ["veteran_party_member"] * 2
)
CATEGORY_LABELS = {
    "liaison_leader": "联络组组长", "liaison_officer": "联络员", "cppcc_member": "政协委员",
    "npc_deputy": "人大代表", "party_deputy": "党代表", "veteran_party_member": "老党员",
    "retired_cadre": "老干部", "local_notable": "乡贤", "expert": "专业人士",
    "stakeholder": "利益相关方", "official": "部门干部", "resident": "群众代表",
}
SECOND_CATEGORY = {
    # a second category some people have
    "cppcc_member": ("expert", "local_notable"),
    "npc_deputy": ("veteran_party_member", "resident"),
    "party_deputy": ("veteran_party_member",),
    "retired_cadre": ("veteran_party_member",),
    "expert": ("cppcc_member",),
    "resident": ("stakeholder",),
    "stakeholder": ("resident",),
    "local_notable": ("cppcc_member",),
}

COMPANIES = ("贵州{0}茶业有限公司", "{0}农业专业合作社", "贵州{0}建筑工程有限公司",
             "{0}物流有限公司", "{0}食品有限公司", "{0}乡村旅游开发有限公司")
INSTITUTIONS = ("{city}人民医院", "{city}第一中学", "{city}中医院", "{city}农业农村局",
                "{city}自然资源局", "{city}住房和城乡建设局", "{city}水务局", "{city}律师事务所",
                "{town}卫生院", "{town}中心小学", "{town}农业服务中心")
DEPARTMENTS = ("党政办", "经济发展办", "社会事务办", "自然资源所", "综治中心", "财政所",
               "农业服务中心", "应急管理办", "便民服务中心")
EXPERT_TITLES = ("主治医师", "高级教师", "工程师", "高级农艺师", "律师", "规划师", "副院长")
OFFICIAL_TITLES = ("主任", "副主任", "所长", "科员", "干事")

TOPICS = (
    ("人居环境整治", "livelihood"), ("生活垃圾分类收运", "livelihood"),
    ("农村饮水安全巩固提升", "livelihood"), ("通组道路硬化", "livelihood"),
    ("老旧小区改造", "livelihood"), ("农贸市场提质改造", "livelihood"),
    ("规范城乡酒席办理", "livelihood"), ("居家养老服务", "livelihood"),
    ("留守儿童关爱", "livelihood"), ("易地扶贫搬迁后续扶持", "livelihood"),
    ("停车难治理", "livelihood"), ("背街小巷改造", "livelihood"),
    ("茶叶产业提质增效", "development"), ("乡村旅游发展", "development"),
    ("特色种植产业", "development"), ("农村电商发展", "development"),
    ("集体经济发展", "development"), ("古镇文化旅游提质", "development"),
    ("产业园区用工服务", "development"), ("林下经济发展", "development"),
)
TOPIC_SOURCES = (("party_committee", 25), ("government", 30), ("cppcc", 30), ("residents", 15))
SUBMITTED_TO = ("government", "party_committee", "{city}农业农村局", "{city}住房和城乡建设局",
                "{city}交通运输局", "{city}文体广电旅游局", "{city}民政局", "{city}水务局")
SUGGESTIONS = ("加大资金投入", "明确责任分工", "建立长效机制", "公开办理进度", "简化审批流程",
               "加强群众参与", "完善配套设施", "强化监督检查", "制定实施细则", "开展试点示范")


# ---------------------------------------------------------------- helpers

def xml_escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def make_uuid(kind, index):
    """A stable, lowercase RFC 4122 form uuid (version 4 bits) for record
    @index of @kind: the same city every time."""
    h = hashlib.md5(b"tongxin-city:%s:%d" % (kind.encode(), index)).hexdigest()
    return "%s-%s-4%s-%x%s-%s" % (h[0:8], h[8:12], h[13:16], 8 | (int(h[16], 16) & 3), h[17:20], h[20:32])


_iso_cache = {}


def iso(ordinal):
    """YYYY-MM-DD of a date ordinal."""
    text = _iso_cache.get(ordinal)
    if text is None:
        text = datetime.date.fromordinal(ordinal).isoformat()
        _iso_cache[ordinal] = text
    return text


def stamp(rng, ordinal):
    """An "updated" on the day @ordinal (UTC; the offices work by day)."""
    return "%sT%02d:%02d:%02dZ" % (iso(ordinal), rng.randrange(0, 10), rng.randrange(60), rng.randrange(60))


def weighted(rng, pairs):
    """A chooser over (value, weight) pairs."""
    values = [v for v, _ in pairs]
    cum = []
    total = 0
    for _, w in pairs:
        total += w
        cum.append(total)

    def choose():
        return values[bisect.bisect_right(cum, rng.random() * total)]
    return choose


class Township:
    __slots__ = ("index", "uuid", "name", "kind", "villages", "size", "pools", "first_person")


# ---------------------------------------------------------------- the city

def make_townships(rng, n_people):
    pairs = [a + b for a in NAME_FIRST for b in NAME_SECOND if a != b]
    rng.shuffle(pairs)
    used = set()
    townships = []
    kinds = ["town"] * 60 + ["township"] * 25 + ["subdistrict"] * 15
    rng.shuffle(kinds)
    suffix = {"town": "镇", "township": "乡", "subdistrict": "街道"}
    it = iter(pairs)
    for i in range(N_TOWNSHIPS):
        base = next(it)
        while base in used:
            base = next(it)
        used.add(base)
        t = Township()
        t.index = i
        t.uuid = make_uuid("township", i)
        t.kind = kinds[i]
        t.name = base + suffix[t.kind]
        n_villages = rng.randint(6, 20)
        villages = set()
        while len(villages) < n_villages:
            v = rng.choice(NAME_FIRST) + rng.choice(NAME_SECOND)
            if v != base:
                villages.add(v)
        word = "社区" if t.kind == "subdistrict" else "村"
        # in a fixed order before the suffixes are drawn: a set's order
        # changes from one Python process to the next
        t.villages = sorted(v + (word if rng.random() < 0.85 else ("社区" if word == "村" else "村"))
                            for v in sorted(villages))
        t.pools = {}
        townships.append(t)

    # sizes: uneven, as townships are (a subdistrict of the city centre is
    # larger), at least the core people each
    weights = [rng.uniform(0.5, 1.6) * (1.5 if t.kind == "subdistrict" else 1.0) for t in townships]
    total = sum(weights)
    sizes = [max(len(CORE_CATEGORIES) + 10, int(n_people * w / total)) for w in weights]
    # to exactly n_people (for tiny N the minimum wins and there are more)
    diff = n_people - sum(sizes)
    i = 0
    while diff != 0:
        t = i % N_TOWNSHIPS
        if diff > 0:
            sizes[t] += 1
            diff -= 1
        elif sizes[t] > len(CORE_CATEGORIES) + 10:
            sizes[t] -= 1
            diff += 1
        i += 1
        if i > 100 * N_TOWNSHIPS * max(1, abs(diff)):
            break
    first = 0
    for t, size in zip(townships, sizes):
        t.size = size
        t.first_person = first
        first += size
    return townships


def phone_of(rng, index):
    """A unique mobile number for person @index, written as people do."""
    prefix = rng.choice(("130", "131", "132", "133", "135", "136", "137", "138", "139", "150",
                         "151", "152", "155", "157", "158", "159", "176", "177", "180", "182",
                         "183", "185", "186", "187", "188", "189", "191", "198", "199"))
    # a bijection of 0..10^8-1: unique whatever the prefix
    rest = (index * 48271 + 12345679) % 100000000
    digits = "%s%08d" % (prefix, rest)
    r = rng.random()
    if r < 0.08:
        return "%s %s %s" % (digits[:3], digits[3:7], digits[7:])
    if r < 0.11:
        return "%s-%s-%s" % (digits[:3], digits[3:7], digits[7:])
    return digits


def write_people(out, csv, rng, townships):
    choose_surname = weighted(rng, SURNAMES)
    choose_ethnicity = weighted(rng, ETHNICITIES)
    choose_category = weighted(rng, CATEGORY_WEIGHTS)
    if csv is not None:
        csv.write("\ufeff姓名,性别,民族,乡镇(街道),村(社区),身份类别,工作单位,职务,联系电话,备注\r\n")

    for t in townships:
        short = t.name.replace("街道", "").rstrip("镇乡")
        pools = {}
        for k in range(t.size):
            index = t.first_person + k
            category = CORE_CATEGORIES[k] if k < len(CORE_CATEGORIES) else choose_category()
            categories = [category]
            if category in SECOND_CATEGORY and rng.random() < 0.12:
                categories.append(rng.choice(SECOND_CATEGORY[category]))
            pools.setdefault(category, []).append(index)

            female = rng.random() < (0.5 if category in ("resident", "stakeholder") else 0.35)
            name = choose_surname() + rng.choice(GIVEN_FEMALE if female else GIVEN_MALE)
            ethnicity = choose_ethnicity()
            village = rng.choice(t.villages) if rng.random() < 0.9 else ""
            notes = ""

            if category == "liaison_leader":
                organization, title = "%s政协联络组" % t.name, "组长"
            elif category == "liaison_officer":
                organization, title = "%s政协联络组" % t.name, "联络员"
            elif category == "official":
                organization = t.name + rng.choice(DEPARTMENTS)
                title = rng.choice(OFFICIAL_TITLES)
            elif category == "expert":
                organization = rng.choice(INSTITUTIONS).format(city=CITY, town=t.name)
                title = rng.choice(EXPERT_TITLES)
            elif category in ("cppcc_member", "local_notable"):
                organization = rng.choice(COMPANIES).format(short)
                title = rng.choice(("董事长", "总经理", "理事长", "负责人"))
            elif category in ("npc_deputy", "party_deputy"):
                organization = (village or t.villages[0]) + rng.choice(("村民委员会", "党支部"))
                title = rng.choice(("主任", "书记", "副主任"))
            elif category in ("veteran_party_member", "retired_cadre"):
                organization, title = "", rng.choice(("退休干部", "退休教师", "老党员"))
            elif category == "stakeholder":
                organization = village
                title = rng.choice(("村民", "商户", "种植户", "搬迁群众", "楼栋长", "养殖户"))
                if rng.random() < 0.05:
                    notes = "涉及%s" % rng.choice(TOPICS)[0]
            else:
                organization = village
                title = rng.choice(("村民", "居民", "村民小组长", "网格员"))
            phone = phone_of(rng, index)
            gender = "female" if female else "male"
            # what the clerks fill in is uneven: the ethnicity often only
            # when it is not 汉族
            write_ethnicity = ethnicity != "汉族" or rng.random() < 0.3

            parts = ['<person uuid="%s" updated="%s" township="%s"><name>%s</name><gender>%s</gender>'
                     % (make_uuid("person", index), stamp(rng, rng.randrange(FIRST_MEETING.toordinal() - 200,
                                                                           TODAY.toordinal())),
                        t.uuid, name, gender)]
            if write_ethnicity:
                parts.append("<ethnicity>%s</ethnicity>" % ethnicity)
            for c in categories:
                parts.append("<category>%s</category>" % c)
            if organization:
                parts.append("<organization>%s</organization>" % xml_escape(organization))
            parts.append("<title>%s</title><phone>%s</phone>" % (title, phone))
            if village:
                parts.append("<village>%s</village>" % village)
            if notes:
                parts.append("<notes>%s</notes>" % xml_escape(notes))
            parts.append("</person>\n")
            out.write("".join(parts))

            if csv is not None:
                csv.write(",".join((name, "女" if female else "男", ethnicity if write_ethnicity else "",
                                    t.name, village, "、".join(CATEGORY_LABELS[c] for c in categories),
                                    organization, title, phone, notes)) + "\r\n")
        t.pools = pools


# ---------------------------------------------------------------- consultations

STALL_BY_YEAR = {2024: 0.005, 2025: 0.015, 2026: 0.08}
STALL_STAGE_WEIGHTS = ((0, 1), (1, 2), (2, 2), (3, 2), (4, 3), (5, 3))


def plan_consultations(rng, townships, n):
    """(township index, meeting day) of each consultation, in order of the
    meetings; townships hold them in proportion to their size."""
    weights = [t.size for t in townships]
    span = LAST_MEETING.toordinal() - FIRST_MEETING.toordinal()
    chosen = rng.choices(range(len(townships)), weights=weights, k=n)
    days = [FIRST_MEETING.toordinal() + rng.randrange(span + 1) for _ in range(n)]
    pairs = sorted(zip(days, chosen))
    return [(t, d) for d, t in pairs]


def write_plans(out, rng, townships, schedule):
    held = {}
    for t, day in schedule:
        year = datetime.date.fromordinal(day).year
        held[(t, year)] = held.get((t, year), 0) + 1
    n = 0
    for t in townships:
        for year in YEARS:
            count = held.get((t.index, year), 0)
            if year == 2026 and rng.random() < 0.04:
                continue   # no plan for the year: yellow, "no plan"
            # most plan what they hold; some more, a few a bit less
            factor = rng.choice((1.0, 1.0, 1.0, 1.05, 1.1, 1.25, 0.95))
            planned = max(0, int(round(count * factor)))
            out.write('<plan township="%s" year="%d" consultations="%d" updated="%s"/>\n'
                      % (t.uuid, year, planned, stamp(rng, datetime.date(year, 1, 1).toordinal()
                                                      + rng.randrange(5, 40))))
            n += 1
    return n


ROLE_PLAN = (
    # role, pools it is drawn from, how many (low, high)
    ("host", ("liaison_leader", "liaison_officer"), (1, 1)),
    ("liaison", ("liaison_officer",), (1, 2)),
    ("deputy", ("npc_deputy", "party_deputy"), (1, 3)),
    ("member", ("cppcc_member",), (1, 2)),
    ("member", ("veteran_party_member", "retired_cadre", "local_notable"), (0, 2)),
    ("expert", ("expert",), (1, 2)),
    ("stakeholder", ("stakeholder", "resident"), (5, 7)),
    ("official", ("official",), (1, 2)),
    ("observer", ("resident",), (0, 1)),
)


def pick_participants(rng, t):
    chosen = []
    seen = set()
    for role, pool_names, (low, high) in ROLE_PLAN:
        want = rng.randint(low, high)
        pool = []
        for p in pool_names:
            pool = t.pools.get(p, [])
            if role == "host" and pool:
                break   # the leader hosts
            if pool and rng.random() < 0.6:
                break
        if not pool:
            continue
        for _ in range(want * 3):
            if want == 0:
                break
            person = pool[rng.randrange(len(pool))] if role != "host" else pool[0]
            if person in seen:
                if role == "host":
                    break
                continue
            seen.add(person)
            chosen.append((person, role))
            want -= 1
    return chosen


class Done:
    """What became of a consultation, for its recommendations."""
    __slots__ = ("uuid", "township", "topic", "village", "meeting", "submission", "feedback",
                 "supervision")


def stage_dates(rng, choose_stall, meeting_day):
    """Due and done dates (ordinals or None) of the six stages."""
    due = [
        meeting_day - rng.randint(30, 60),
        meeting_day - rng.randint(5, 15),
        meeting_day,
        meeting_day + rng.randint(7, 20),
        0,
        meeting_day + rng.randint(120, 240),
    ]
    due[4] = due[3] + 30
    year = datetime.date.fromordinal(meeting_day).year
    stall = 6
    if rng.random() < STALL_BY_YEAR[year]:
        stall = choose_stall()
    today = TODAY.toordinal()
    done = [None] * 6
    previous = None
    for k in range(6):
        if k >= stall:
            break
        if k == 2:
            delta = 0 if rng.random() < 0.85 else rng.randint(1, 7)
        else:
            delta = rng.choice((-9, -7, -5, -4, -3, -2, -2, -1, -1, 0, 0, 1, 2, 3, 5, 8))
        day = due[k] + delta
        if previous is not None and day < previous:
            day = previous
        if day > today:
            break
        done[k] = day
        previous = day
    return due, done


def write_consultations(out, rng, townships, schedule):
    choose_source = weighted(rng, TOPIC_SOURCES)
    choose_stall = weighted(rng, STALL_STAGE_WEIGHTS)
    today = TODAY.toordinal()
    done_list = []
    for index, (ti, meeting_day) in enumerate(schedule):
        t = townships[ti]
        topic, orientation = rng.choice(TOPICS)
        village = rng.choice(t.villages)
        title = "%s%s协商" % (village if rng.random() < 0.7 else t.name, topic)
        due, done = stage_dates(rng, choose_stall, meeting_day)
        held = done[2] is not None
        day_of_meeting = done[2] if held else meeting_day
        virtual = rng.random() < 0.15
        if virtual:
            venue = rng.choice(("%s协商议事微信群" % t.name, "视频会议"))
        else:
            venue = rng.choice(("%s协商议事室" % t.name, "%s村民委员会会议室" % village,
                                "%s（现场协商）" % village))
        uuid = make_uuid("consultation", index)
        last = max([d for d in done if d is not None] + [min(due[0], today)])
        hour = rng.choice((9, 9, 10, 14, 15))
        parts = ['<consultation uuid="%s" township="%s" updated="%s"><title>%s</title>'
                 '<topic-source>%s</topic-source><orientation>%s</orientation><platform>%s</platform>'
                 '<venue>%s</venue><starts>%sT%02d:00:00+08:00</starts><ends>%sT%02d:30:00+08:00</ends>'
                 % (uuid, t.uuid, stamp(rng, min(last, today)), xml_escape(title),
                    choose_source(), orientation, "virtual" if virtual else "physical",
                    xml_escape(venue), iso(day_of_meeting), hour, iso(day_of_meeting), hour + 2)]
        for k, name in enumerate(("selection", "research", "meeting", "submission", "feedback", "supervision")):
            if done[k] is not None:
                parts.append('<stage name="%s" due="%s" done="%s"/>' % (name, iso(due[k]), iso(done[k])))
            else:
                parts.append('<stage name="%s" due="%s"/>' % (name, iso(due[k])))
        if done[1] is not None and rng.random() < 0.5:
            parts.append("<research>联络组走访%s群众%d户，召开座谈会%d场，收集意见建议%d条。</research>"
                         % (village, rng.randint(20, 200), rng.randint(1, 4), rng.randint(5, 60)))
        participants = pick_participants(rng, t)
        for person, role in participants:
            if held:
                parts.append('<participant person="%s" role="%s" attended="%s"/>'
                             % (make_uuid("person", person), role, "true" if rng.random() < 0.9 else "false"))
            else:
                parts.append('<participant person="%s" role="%s"/>' % (make_uuid("person", person), role))
        if held and rng.random() < 0.3:
            parts.append('<minutes recorder="联络员"><agenda>围绕%s听取各方意见建议。</agenda>'
                         '<consensus>与会人员一致认为应%s、%s。</consensus></minutes>'
                         % (topic, rng.choice(SUGGESTIONS), rng.choice(SUGGESTIONS)))
        parts.append("</consultation>\n")
        out.write("".join(parts))

        if held:
            d = Done()
            d.uuid = uuid
            d.township = t
            d.topic = topic
            d.village = village
            d.meeting = done[2]
            d.submission = done[3]
            d.feedback = done[4]
            d.supervision = done[5]
            done_list.append(d)
    return done_list


# ---------------------------------------------------------------- outcomes

def write_outcomes(out, rng, held, n_wanted):
    today = TODAY.toordinal()
    mean = n_wanted / max(1, len(held))
    choose_adoption = weighted(rng, (("adopted", 50), ("partly_adopted", 25), ("not_adopted", 15), ("pending", 10)))
    index = 0
    for d in held:
        n = max(1, min(8, int(round(rng.gauss(mean, 1.0)))))
        submitted_to_base = rng.choice(SUBMITTED_TO).format(city=CITY)
        for k in range(n):
            uuid = make_uuid("outcome", index)
            index += 1
            suggestion = rng.choice(SUGGESTIONS)
            title = "关于%s%s%s的建议" % (d.village, d.topic, suggestion)
            content = "建议%s，%s，并在%d个月内形成书面答复。" % (suggestion, rng.choice(SUGGESTIONS),
                                                     rng.randint(1, 6))
            submitted_to = submitted_to_base if rng.random() < 0.7 else rng.choice(SUBMITTED_TO).format(city=CITY)
            parts = []
            latest = d.meeting
            adoption = "pending"
            progress = None
            supervisions = []
            feedback = None
            if d.submission is not None:
                s = d.submission
                latest = max(latest, s)
                agreed = rng.random() < 0.7
                due = s + rng.choice((15, 20, 30, 30, 30, 30, 45, 60)) if agreed else None
                received = None
                if d.feedback is not None:
                    # the stage is closed, yet a department may have
                    # left one unanswered (反馈对象零遗漏 is measured
                    # because it happens)
                    if rng.random() >= 0.02:
                        received = rng.randint(min(s + 2, d.feedback), d.feedback)
                elif s + 10 <= today and rng.random() < 0.5:
                    received = s + rng.randint(5, min(120, today - s))
                if received is not None:
                    latest = max(latest, received)
                    adoption = choose_adoption()
                    text = {"adopted": "采纳建议，已安排专人落实。",
                            "partly_adopted": "部分采纳，其余事项纳入下一年度计划研究。",
                            "not_adopted": "经研究，暂不具备实施条件，已向联络组说明理由。",
                            "pending": "正在研究办理。"}[adoption]
                    feedback = (due, received, text)
                elif agreed:
                    feedback = (due, None, "")
                if adoption in ("adopted", "partly_adopted"):
                    age = today - received
                    if d.supervision is not None:
                        progress = 100 if rng.random() < 0.8 else rng.choice((60, 80, 90))
                    else:
                        progress = min(100, max(0, int(age / 240.0 * 100) // 10 * 10 + rng.choice((-10, 0, 10))))
                    end = d.supervision if d.supervision is not None else today
                    for phase, offset in (("before", 7), ("during", 60), ("after", 150)):
                        day = received + offset + rng.randint(-3, 10)
                        if d.supervision is not None:
                            day = min(day, d.supervision)
                        elif day > end or rng.random() < 0.15:
                            break
                        day = max(day, received)
                        supervisions.append((phase, day))
                        latest = max(latest, day)
            parts.append('<outcome uuid="%s" consultation="%s" updated="%s"><title>%s</title><content>%s</content>'
                         % (uuid, d.uuid, stamp(rng, min(latest, today)), xml_escape(title), content))
            if d.submission is not None:
                parts.append("<submitted-to>%s</submitted-to><submitted>%s</submitted>"
                             % (xml_escape(submitted_to), iso(d.submission)))
            if feedback is not None:
                due, received, text = feedback
                attrs = ""
                if due is not None:
                    attrs += ' due="%s"' % iso(due)
                if received is not None:
                    attrs += ' received="%s"' % iso(received)
                parts.append("<feedback%s>%s</feedback>" % (attrs, text))
            parts.append("<adoption>%s</adoption>" % adoption)
            if progress is not None:
                parts.append("<progress>%d</progress>" % progress)
            for phase, day in supervisions:
                parts.append('<supervision phase="%s" date="%s" by="%s政协联络组">%s</supervision>'
                             % (phase, iso(day), d.township.name,
                                {"before": "审查实施方案。", "during": "现场查看实施进度。",
                                 "after": "回访群众，了解满意度。"}[phase]))
            parts.append("</outcome>\n")
            out.write("".join(parts))
    return index


# ---------------------------------------------------------------- main

class Parts:
    """The exchange file, written as it is made; split into parts of at
    most @limit bytes, each a whole exchange file, when it would be larger
    (city.xml, city.2.xml, …): records refer to records of earlier parts,
    which an import of the parts in order finds in the database.  Each
    part ends as an export's does, with the SHA-256 of all before it,
    which an import checks before it reads a record."""

    HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<tongxin xmlns="urn:tongxin:exchange:1" exported="%sT10:00:00+08:00">\n' % TODAY.isoformat()).encode()
    TAIL = b"</tongxin>\n"
    DIGEST = b"<?tongxin-sha256 %s?>\n"
    DIGEST_SIZE = len(DIGEST % (b"0" * 64))

    def __init__(self, path, limit):
        self.path = path
        self.limit = limit
        self.paths = []
        self.sizes = []
        self.file = None
        self._open()

    def _open(self):
        n = len(self.paths) + 1
        if n == 1:
            path = self.path
        else:
            stem, dot, ext = self.path.rpartition(".")
            path = "%s.%d.%s" % (stem, n, ext) if dot else "%s.%d" % (self.path, n)
        self.file = open(path, "wb", buffering=1 << 20)
        self.digest = hashlib.sha256()
        self._put(self.HEAD)
        self.size = len(self.HEAD)
        self.records = 0
        self.paths.append(path)

    def _put(self, data):
        self.file.write(data)
        self.digest.update(data)

    def _close(self):
        self._put(self.TAIL)
        self.file.write(self.DIGEST % self.digest.hexdigest().encode())
        self.size += len(self.TAIL) + self.DIGEST_SIZE
        self.file.close()
        self.sizes.append(self.size)

    def write(self, text):
        data = text.encode()
        if self.records > 0 and self.size + len(data) + len(self.TAIL) + self.DIGEST_SIZE > self.limit:
            self._close()
            self._open()
        self._put(data)
        self.size += len(data)
        self.records += 1

    def close(self):
        self._close()
        return self.paths


def part_paths(path, n):
    """The files of a city written in @n parts."""
    stem, dot, ext = path.rpartition(".")
    return [path] + [("%s.%d.%s" % (stem, i, ext) if dot else "%s.%d" % (path, i)) for i in range(2, n + 1)]


def generate(n_people, path, csv_path=None, seed=20261127, max_part_bytes=MAX_FILE_SIZE, quiet=False):
    """Writes the city; returns its counts and the files written."""
    rng = random.Random(seed)
    townships = make_townships(rng, n_people)
    n_consultations = max(N_TOWNSHIPS, n_people // 5)
    n_outcomes = int(n_people * 0.6)
    schedule = plan_consultations(rng, townships, n_consultations)

    csv = open(csv_path, "w", encoding="utf-8", newline="") if csv_path else None
    out = Parts(path, max_part_bytes)
    for t in townships:
        out.write('<township uuid="%s" name="%s" kind="%s" updated="2024-01-02T01:00:00Z"/>\n'
                  % (t.uuid, t.name, t.kind))
    write_people(out, csv, rng, townships)
    n_plans = write_plans(out, rng, townships, schedule)
    held = write_consultations(out, rng, townships, schedule)
    written = write_outcomes(out, rng, held, n_outcomes)
    paths = out.close()
    if csv is not None:
        csv.close()

    counts = {"version": VERSION, "seed": seed, "townships": len(townships),
              "people": sum(t.size for t in townships),
              "consultations": len(schedule), "held": len(held), "outcomes": written,
              "plans": n_plans, "bytes": sum(out.sizes), "files": paths, "file_bytes": out.sizes}
    if not quiet:
        print("city.py: %d townships, %d people, %d consultations, %d recommendations, %d bytes in %d file(s): %s"
              % (counts["townships"], counts["people"], counts["consultations"], counts["outcomes"],
                 counts["bytes"], len(paths), " ".join(paths)), file=sys.stderr)
        if len(paths) > 1 and max_part_bytes >= MAX_FILE_SIZE:
            print("city.py: note: the city is larger than one exchange file holds (tongxin-cli import reads "
                  "at most %d MB): import the parts in order" % (MAX_FILE_SIZE // 1000000), file=sys.stderr)
    return counts


def main():
    parser = argparse.ArgumentParser(description="Write a city's data as a Tongxin exchange file.")
    parser.add_argument("--people", type=int, default=10000, help="people on the rosters (10000, 100000, 300000)")
    parser.add_argument("--out", required=True, help="the exchange file to write")
    parser.add_argument("--csv", help="also write the same people as a roster CSV")
    parser.add_argument("--seed", type=int, default=20261127)
    parser.add_argument("--max-part-bytes", type=int, default=MAX_FILE_SIZE,
                        help="split the file into parts of at most this size (default: what tongxin-cli import reads)")
    parser.add_argument("--version", action="store_true", help="print the generator's version and exit")
    args = parser.parse_args()
    generate(args.people, args.out, args.csv, args.seed, args.max_part_bytes)


if __name__ == "__main__":
    if "--version" in sys.argv[1:]:
        print(VERSION)
        sys.exit(0)
    main()
