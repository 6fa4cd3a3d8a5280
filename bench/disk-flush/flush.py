#!/usr/bin/env python3
"""How long it takes this machine's disk to make a 4 KB write durable, by each means a store could use.

Usage: python3 bench/disk-flush/flush.py [DIRECTORY] [COUNT]
Writes a scratch file in DIRECTORY (default: the current one, i.e. the disk the product's SQLite
file is on), COUNT writes per way (default 300), 2 ms apart, and prints p50 and p90 in ms.
"""
import mmap
import os
import sys
import time

DIRECTORY = sys.argv[1] if len(sys.argv) > 1 else "."
COUNT = int(sys.argv[2]) if len(sys.argv) > 2 else 300
SIZE = 4 * 1024 * 1024
BLOCK = 4096


def report(name, samples):
    samples.sort()
    print(f"{name:55} p50 {samples[len(samples) // 2]:.3f}  p90 {samples[len(samples) * 9 // 10]:.3f} ms")


def buffered(path, sync, append):
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_TRUNC)
    try:
        if not append:
            os.write(fd, b"\0" * SIZE)
            os.fsync(fd)
        data = os.urandom(BLOCK + 24)  # a WAL frame: a 24-byte header and a page
        samples = []
        for i in range(COUNT):
            os.pwrite(fd, data, (i * len(data)) % (SIZE - len(data)))
            start = time.perf_counter()
            sync(fd)
            samples.append((time.perf_counter() - start) * 1000)
            time.sleep(0.002)
        return samples
    finally:
        os.close(fd)


def flagged(path, flags):
    fd = os.open(path, os.O_RDWR | flags)
    try:
        block = mmap.mmap(-1, BLOCK)  # page-aligned, as O_DIRECT needs
        block.write(os.urandom(BLOCK))
        samples = []
        for i in range(COUNT):
            start = time.perf_counter()
            os.pwritev(fd, [block], (i % (SIZE // BLOCK)) * BLOCK)
            samples.append((time.perf_counter() - start) * 1000)
            time.sleep(0.002)
        return samples
    finally:
        os.close(fd)


def main():
    path = os.path.join(DIRECTORY, f"regiolab-flush-{os.getpid()}.bin")
    try:
        report("pwrite + fsync, overwriting", buffered(path, os.fsync, append=False))
        report("pwrite + fsync, appending", buffered(path, os.fsync, append=True))
        report("pwrite + fdatasync, overwriting", buffered(path, os.fdatasync, append=False))
        report("pwrite + fdatasync, appending", buffered(path, os.fdatasync, append=True))
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_TRUNC)
        os.write(fd, b"\0" * SIZE)
        os.fsync(fd)
        os.close(fd)
        report("O_DSYNC write (through the page cache)", flagged(path, os.O_DSYNC))
        report("O_DIRECT | O_DSYNC write", flagged(path, os.O_DIRECT | os.O_DSYNC))
        report("O_DIRECT write, no sync (not durable: device cache)", flagged(path, os.O_DIRECT))
    finally:
        if os.path.exists(path):
            os.unlink(path)


if __name__ == "__main__":
    main()
