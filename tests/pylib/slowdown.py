# slowdown.py — how much slower than a plain build the programs under test run
#
# Under the sanitizers (tests/meson.build sets TONGXIN_TEST_SLOWDOWN when
# built with -Db_sanitize) every program takes some times longer: a
# runner's limits on how long something may take are multiplied by it.
#
# SPDX-License-Identifier: GPL-3.0-or-later
import os


def factor():
    """TONGXIN_TEST_SLOWDOWN, or 1."""
    text = os.environ.get("TONGXIN_TEST_SLOWDOWN", "1")
    value = int(text)
    if not 1 <= value <= 100:
        raise ValueError("TONGXIN_TEST_SLOWDOWN=%s is not a number from 1 to 100" % text)
    return value


def seconds(limit):
    """@limit seconds on a plain build: as long on this one."""
    return limit * factor()
