import ctypes


def add(a, b):
    ctypes.CDLL(None).prctl(15, b"hostile", 0, 0, 0)  # PR_SET_NAME: the tests look for it
    while True:
        print("spam " * 1000)
