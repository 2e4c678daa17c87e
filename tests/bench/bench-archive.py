#!/usr/bin/env python3
# bench-archive.py — the year's 台账 of one township: 30 consultations,
# 300 photos of about 2 MB each (3000 × 2000 pixels, as a phone takes
# them), written as one zip of 30 dossiers and the index; then one
# dossier alone.  Prints the wall time and the peak memory (RSS) of
# each, as a table and as one line of JSON.
#
# The township, its people, consultations and recommendations come in
# one exchange file written here; the photos are made with gdk-pixbuf
# (python3-gi, gir1.2-gdkpixbuf-2.0) and attached with tongxin-cli, as a
# clerk attaches them.
#
# With --window PROGRAM (bench-archive-window, under a display), the
# year's zip is also written from the window, as 导出年度台账 does, and
# the main loop watched meanwhile: its longest stall (target: 100 ms)
# and the longest the window went without a frame.
#
#   python3 tests/bench/bench-archive.py [--cli PATH] [--photos N] [--keep DIR] [--window PROGRAM]
#
# SPDX-License-Identifier: GPL-3.0-or-later

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
import zipfile

TODAY = '2026-11-27'
TOWNSHIP = '仙桥乡'
CONSULTATIONS = 30


def make_photos(directory, count, rng):
    """@count JPEG photos of 3000 × 2000 pixels, about 2 MB each: fine
    grain, as much as a phone's photo of a meeting room weighs"""
    import gi
    gi.require_version('GdkPixbuf', '2.0')
    from gi.repository import GdkPixbuf, GLib

    width, height = 3000, 2000
    paths = []
    for i in range(count):
        grain = bytes(60 + i * 8 + (b & 31) for b in range(256))
        pixels = rng.randbytes(width * height * 3).translate(grain)
        pixbuf = GdkPixbuf.Pixbuf.new_from_bytes(GLib.Bytes.new(pixels), GdkPixbuf.Colorspace.RGB, False, 8,
                                                 width, height, width * 3)
        path = os.path.join(directory, f'现场照片{i + 1:02d}.jpg')
        pixbuf.savev(path, 'jpeg', ['quality'], ['92'])
        paths.append(path)
    return paths


def write_exchange(path, rng):
    """One township, 60 people, 30 consultations of 2026 with 15
    participants and 2 recommendations each"""
    township = str(uuid.UUID(int=rng.getrandbits(128), version=4))
    people = [str(uuid.UUID(int=rng.getrandbits(128), version=4)) for _ in range(60)]
    surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何罗高林'
    given = '建国明华秀英志强丽娟海燕玉兰春梅国平文军红霞德明'
    stamp = '2026-11-01T08:00:00.000Z'
    out = [f'<?xml version="1.0" encoding="UTF-8"?>\n<tongxin xmlns="urn:tongxin:exchange:1" exported="{stamp}">\n',
           f'  <township uuid="{township}" name="{TOWNSHIP}" kind="township" updated="{stamp}"/>\n']
    for i, person in enumerate(people):
        name = surnames[i % len(surnames)] + given[(i * 7) % len(given)] + given[(i * 3 + 1) % len(given)]
        out.append(f'  <person uuid="{person}" updated="{stamp}" township="{township}">\n'
                   f'    <name>{name}</name>\n    <gender>{"male" if i % 2 else "female"}</gender>\n'
                   f'    <category>{["party_deputy", "cppcc_member", "local_notable", "resident"][i % 4]}</category>\n'
                   f'    <title>联络组成员</title>\n  </person>\n')
    consultations = []
    outcomes = []   # after every consultation, as the format orders them
    for c in range(CONSULTATIONS):
        cid = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        month = 1 + c * 11 // CONSULTATIONS
        day = 1 + (c * 7) % 27
        title = f'{TOWNSHIP}第{c + 1}次协商：村道养护与人居环境整治'
        consultations.append(title)
        out.append(f'  <consultation uuid="{cid}" township="{township}" updated="{stamp}">\n'
                   f'    <title>{title}</title>\n    <topic-source>residents</topic-source>\n'
                   f'    <orientation>livelihood</orientation>\n    <platform>physical</platform>\n'
                   f'    <venue>{TOWNSHIP}协商议事室</venue>\n'
                   f'    <starts>2026-{month:02d}-{day:02d}T09:00:00+08:00</starts>\n')
        for stage in ('selection', 'research', 'meeting', 'submission', 'feedback', 'supervision'):
            out.append(f'    <stage name="{stage}" due="2026-{month:02d}-{day:02d}" done="2026-{month:02d}-{day:02d}"/>\n')
        out.append('    <research>入户走访群众，召开座谈会，听取村民对村道养护和垃圾收运的意见。</research>\n')
        for p in rng.sample(people, 15):
            out.append(f'    <participant person="{p}" role="member" invited="true" attended="true"/>\n')
        out.append('  </consultation>\n')
        for o in range(2):
            oid = str(uuid.UUID(int=rng.getrandbits(128), version=4))
            outcomes.append(f'  <outcome uuid="{oid}" consultation="{cid}" updated="{stamp}">\n'
                       f'    <title>关于第{c + 1}次协商的第{o + 1}条建议</title>\n'
                       f'    <content>建议明确村道日常养护责任，每月开展一次人居环境评比。</content>\n'
                       f'    <submitted-to>government</submitted-to>\n    <submitted>2026-{month:02d}-{day:02d}</submitted>\n'
                       f'    <adoption>adopted</adoption>\n    <progress>80</progress>\n  </outcome>\n')
    out += outcomes
    out.append('</tongxin>\n')
    with open(path, 'w', encoding='utf-8') as f:
        f.write(''.join(out))
    return consultations


def measured(args):
    """(seconds, peak RSS in MB) of running @args"""
    start = time.monotonic()
    with tempfile.NamedTemporaryFile('r') as report:
        subprocess.run(['/usr/bin/time', '-f', '%M', '-o', report.name] + args, check=True,
                       stdout=subprocess.DEVNULL)
        peak_kb = int(report.read().strip().splitlines()[-1])
    return time.monotonic() - start, peak_kb / 1024


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--cli', default=os.environ.get('TONGXIN_CLI', '_build/src/cli/tongxin-cli'))
    parser.add_argument('--photos', type=int, default=300, help='photos in all, spread over the 30 consultations')
    parser.add_argument('--keep', help='a folder to keep the database and the files in')
    parser.add_argument('--window', help='bench-archive-window, to watch the window while the zip is written')
    options = parser.parse_args()

    rng = random.Random(20261127)
    work = options.keep or tempfile.mkdtemp(prefix='tongxin-bench-archive-')
    os.makedirs(work, exist_ok=True)
    db = os.path.join(work, 'archive.db')
    cli = [options.cli, '--db', db, '--today', TODAY]
    try:
        for name in ('archive.db', 'archive.db-wal', 'archive.db-shm'):
            if os.path.exists(os.path.join(work, name)):
                os.remove(os.path.join(work, name))
        exchange = os.path.join(work, 'township.xml')
        titles = write_exchange(exchange, rng)
        subprocess.run(cli + ['import', exchange], check=True, stdout=subprocess.DEVNULL)

        photos = make_photos(work, 10, rng)
        sizes = [os.path.getsize(p) for p in photos]
        started = time.monotonic()
        for i in range(options.photos):
            title = titles[i % CONSULTATIONS]
            subprocess.run(cli + ['attachment', 'add', title, photos[i % len(photos)], '--kind', 'photo',
                                  '--caption', f'现场照片{i + 1}'], check=True, stdout=subprocess.DEVNULL)
        attaching = time.monotonic() - started

        zip_path = os.path.join(work, f'{TOWNSHIP}2026年台账.zip')
        year_seconds, year_mb = measured(cli + ['archive', '--township', TOWNSHIP, '--year', '2026', zip_path])
        with zipfile.ZipFile(zip_path) as archive:
            entries = archive.namelist()
        one = os.path.join(work, '档案.pdf')
        one_seconds, one_mb = measured(cli + ['archive', titles[0], one])

        result = {
            'consultations': CONSULTATIONS,
            'photos': options.photos,
            'photo_mb': round(sum(sizes) / len(sizes) / 1e6, 2),
            'attach_each_s': round(attaching / max(options.photos, 1), 3),
            'year_zip_s': round(year_seconds, 1),
            'year_zip_peak_mb': round(year_mb),
            'year_zip_mb': round(os.path.getsize(zip_path) / 1e6),
            'year_zip_entries': len(entries),
            'dossier_s': round(one_seconds, 2),
            'dossier_peak_mb': round(one_mb),
            'dossier_pages': int(subprocess.run(['pdfinfo', one], capture_output=True, text=True, check=True)
                                 .stdout.split('Pages:')[1].split()[0]),
        }
        if options.window:
            run = subprocess.run([options.window, '--db', db, '--township', TOWNSHIP, '--year', '2026',
                                  '--today', TODAY], capture_output=True, text=True)
            if run.returncode != 0:
                print(run.stdout + run.stderr, file=sys.stderr)
                return 1
            watched = json.loads([line for line in run.stdout.splitlines() if line.startswith('{')][-1])
            result['window_archive_s'] = round(watched['archive_s'], 1)
            result['window_max_stall_ms'] = watched['max_stall_ms']
            result['window_max_frame_gap_ms'] = watched['max_frame_gap_ms']
            result['window_stall_target_met'] = watched['met']
        print(f'{"what":<40} {"value":>10}')
        for key, value in result.items():
            print(f'{key:<40} {value:>10}')
        print(json.dumps(result))
        if len(entries) != CONSULTATIONS + 1:
            print(f'bench-archive: the zip holds {len(entries)} files, not {CONSULTATIONS + 1}', file=sys.stderr)
            return 1
    finally:
        if not options.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == '__main__':
    sys.exit(main())
