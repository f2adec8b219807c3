# Leaves behind everything it can for the next job of the same sandbox to find: files in every
# folder it can write, a daemon, a changed module global and a key in its session keyring.
import ctypes
import json
import os
import time

NAME = "planted-by-previous-job"
FOLDERS = ("/tmp", os.getcwd(), "/dev/shm", "/", "/home", "/etc", "/dev", "/opt")
PLANTED = []
for folder in FOLDERS:
    try:
        with open(os.path.join(folder, NAME), "w") as handle:
            handle.write("LEFTOVER")
        PLANTED.append(folder)
    except OSError:
        pass
json.LEFTOVER = "LEFTOVER"
libc = ctypes.CDLL(None, use_errno=True)
KEY = libc.syscall(248, b"user", b"leftover", b"LEFTOVER", 8, -3)  # add_key to @s (x86_64)

if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        ctypes.CDLL(None).prctl(15, b"hostile", 0, 0, 0)  # PR_SET_NAME: the tests look for it
        time.sleep(10_000)
    os._exit(0)


def add(a, b):
    print("planted in", PLANTED, "key", KEY > 0)
    return a + b
