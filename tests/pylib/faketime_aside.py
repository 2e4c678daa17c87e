# faketime_aside.py — the Python test runners under faketime
#
# build-aux/dev runs every test again on other days under faketime, a
# library preloaded into the test.  Python's own waits (time.sleep,
# subprocess timeouts) then fail with EINVAL; yet what must run on the
# other day is Tongxin, not the runner.  step_aside() starts the runner
# again without the library, and child_env() gives it back to the
# programs the runner starts.
#
# SPDX-License-Identifier: GPL-3.0-or-later
import os
import sys

_KEPT = "TONGXIN_FAKETIME_PRELOAD"


def step_aside():
    """Re-runs this script without libfaketime, if it is preloaded."""
    preload = os.environ.get("LD_PRELOAD", "")
    if "faketime" not in preload or _KEPT in os.environ:
        return
    env = dict(os.environ)
    env[_KEPT] = preload
    del env["LD_PRELOAD"]
    os.execve(sys.executable, [sys.executable] + sys.argv, env)


def child_env(env=None):
    """An environment for a program under test: under faketime again."""
    env = dict(os.environ if env is None else env)
    if _KEPT in env:
        env["LD_PRELOAD"] = env.pop(_KEPT)
        # the files' own times as they are: with faked ones, fontconfig
        # finds its cache stale and rewrites it, which a full disk refuses
        # with words of its own on stderr
        env["NO_FAKE_STAT"] = "1"
    return env
