# A daemon that escapes the process group and would live on.
import ctypes
import os
import time

if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        ctypes.CDLL(None).prctl(15, b"hostile", 0, 0, 0)  # PR_SET_NAME: the tests look for it
        time.sleep(10_000)
    os._exit(0)


def add(a, b):
    return a + b
