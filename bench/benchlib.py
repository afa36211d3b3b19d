# SPDX-License-Identifier: Apache-2.0
"""What the benchmark scripts share."""
import os
import subprocess
import sys
import time


def run_once(cmd, shell=False):
    """Run @cmd once: its wall time in seconds and peak RSS in bytes
    (wait4). Exits the benchmark when it fails (0 and 1 are results)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, shell=shell, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        sys.exit(f"bench: {cmd} exited {code}")
    return elapsed, usage.ru_maxrss * 1024
