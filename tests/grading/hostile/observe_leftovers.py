# Looks for anything an earlier job of the same sandbox left behind.
import ctypes
import json
import os

NAME = "planted-by-previous-job"
FOLDERS = ("/tmp", os.getcwd(), "/dev/shm", "/", "/home", "/etc", "/dev", "/opt")


def leftovers():
    found = [folder for folder in FOLDERS if os.path.exists(os.path.join(folder, NAME))]
    if hasattr(json, "LEFTOVER"):
        found.append("json.LEFTOVER")
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.syscall(250, 10, -3, b"user", b"leftover", 0) > 0:  # keyctl(SEARCH) in @s
        found.append("keyring")
    mine = {os.getpid(), os.getppid(), 1}
    for pid in filter(str.isdigit, os.listdir("/proc")):
        if int(pid) not in mine:
            found.append(f"process {pid}")
    return found


def add(a, b):
    print("observed leftovers:", leftovers(), "cwd", os.getcwd())
    return a + b
