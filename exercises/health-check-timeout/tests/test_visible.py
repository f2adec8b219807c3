from status_probe import check_services


class Network:
    """Fake http_get with its own clock: 'hang' never answers unless a timeout is given."""

    def __init__(self, plan):
        self.plan, self.now = plan, 0.0

    def clock(self):
        return self.now

    def __call__(self, url, *, timeout=None):
        answer = self.plan[url]
        if answer == "hang":
            if timeout is None:
                raise RuntimeError(f"{url} never answers and the probe has no timeout: it would hang forever")
            self.now += timeout
            raise TimeoutError("timed out")
        self.now += 0.05
        return answer


def test_up_and_down():
    """A 200 is up and a 503 is down."""
    net = Network({"http://a/healthz": 200, "http://b/healthz": 503})
    got = check_services({"a": "http://a/healthz", "b": "http://b/healthz"}, get=net, clock=net.clock)
    assert got == {"a": "up", "b": "down"}


def test_hanging_service_is_down():
    """A service that never answers is reported down instead of hanging the status page."""
    net = Network({"http://a/healthz": "hang", "http://b/healthz": 200})
    got = check_services({"a": "http://a/healthz", "b": "http://b/healthz"}, get=net, clock=net.clock)
    assert got == {"a": "down", "b": "up"}
