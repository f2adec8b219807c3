import socket

PORT = 0  # the test puts the port of a server it runs on the host's loopback here


def add(a, b):
    try:
        socket.create_connection(("127.0.0.1", PORT), timeout=1).close()
        return -1  # reached the host: the sandbox leaks
    except OSError:
        pass
    try:
        socket.getaddrinfo("pypi.org", 443)
        return -2  # name resolution worked: the sandbox leaks
    except OSError:
        pass
    return a + b
