"""Check you can run: a rollout where every host is healthy."""

from fleet_rollout import roll_out


class Fleet:
    def __init__(self):
        self.installed = {"web-1": "1.0", "web-2": "1.0"}
        self.in_service = {"web-1": True, "web-2": True}

    def current_release(self, host):
        return self.installed[host]

    def drain(self, host):
        self.in_service[host] = False

    def install(self, host, release):
        self.installed[host] = release

    def check_health(self, host):
        pass

    def enable(self, host):
        self.in_service[host] = True


def test_every_host_gets_the_release():
    """Both hosts run the new release and are back in service."""
    fleet = Fleet()
    roll_out("1.1", ["web-1", "web-2"], fleet)
    assert fleet.installed == {"web-1": "1.1", "web-2": "1.1"}
    assert all(fleet.in_service.values())
