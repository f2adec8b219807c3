# A debugging call left in: nobody can type into a debugger inside the grader.
def add(a, b):
    breakpoint()
    return a + b
