# pytest's own debugger entry point, called from the submission.
import pytest


def add(a, b):
    pytest.set_trace()
    return a + b
