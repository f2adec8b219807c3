import ctypes
import threading
import time


def _forever():
    ctypes.CDLL(None).prctl(15, b"hostile", 0, 0, 0)  # PR_SET_NAME: the tests look for it
    time.sleep(10_000)


threading.Thread(target=_forever, daemon=False).start()


def add(a, b):
    return a + b
