#!/usr/bin/env python3
"""Interleaved wall-time comparison of commands, for performance work on a noisy machine.

    python3 tests/bench/compare.py RUNS DIR "CMD A" "CMD B" ...

Runs each command RUNS times from DIR, taking turns (A, B, A, B, ...) so that a slow phase of a
shared VM hits every command alike, and prints the min, first quartile and median wall time in
ms. Output goes to /dev/null. Example, two builds of the CLI over the corpus:

    python3 tests/bench/compare.py 40 ../shared/corpus/sisimai/eml \\
        "/tmp/before --jobs 1 ." "build/native-release/bounce-explain --jobs 1 ."
"""
import os
import shlex
import statistics
import sys
import time


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    runs, cwd = int(sys.argv[1]), sys.argv[2]
    commands = [shlex.split(c) for c in sys.argv[3:]]
    # Paths relative to the caller's directory still work after the chdir.
    commands = [[os.path.abspath(c[0]) if os.sep in c[0] else c[0]] + c[1:] for c in commands]
    os.chdir(cwd)
    devnull = os.open(os.devnull, os.O_WRONLY)
    quiet = [(os.POSIX_SPAWN_DUP2, devnull, 1), (os.POSIX_SPAWN_DUP2, devnull, 2)]

    def run(argv):
        start = time.perf_counter()
        pid = os.posix_spawnp(argv[0], argv, os.environ, file_actions=quiet)
        os.waitpid(pid, 0)
        return (time.perf_counter() - start) * 1e3

    for argv in commands:  # warm the page cache and the binaries
        run(argv)
    times = [[] for _ in commands]
    for _ in range(runs):
        for i, argv in enumerate(commands):
            times[i].append(run(argv))
    for text, t in zip(sys.argv[3:], times):
        t.sort()
        print(f"min {t[0]:7.2f}  p25 {t[len(t) // 4]:7.2f}  median {statistics.median(t):7.2f} ms  {text}")


if __name__ == "__main__":
    main()
