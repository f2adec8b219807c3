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
libc = ctypes.CDLL(None, use_errno=True)
# A new user namespace holds every capability: with them, make the shared root writable again.
child = os.fork()
if child == 0:
    libc.unshare(0x10000000 | 0x00020000)  # CLONE_NEWUSER | CLONE_NEWNS
    libc.mount(None, b"/", None, 0x20 | 0x1000, None)  # MS_REMOUNT | MS_BIND, without MS_RDONLY
    try:
        with open(os.path.join("/", NAME), "w") as handle:
            handle.write("LEFTOVER")
        os._exit(0)
    except OSError:
        os._exit(1)
if os.waitpid(child, 0)[1] == 0:
    PLANTED.append("/ after unshare")
json.LEFTOVER = "LEFTOVER"
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
