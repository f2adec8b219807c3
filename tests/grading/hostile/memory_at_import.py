# Exhausts memory while the module is being imported, before any test can run.
CACHE = {}


PRELOADED = [0] * (10**10)


def add(a, b):
    return a + b
