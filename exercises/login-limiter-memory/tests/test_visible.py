from login_limiter import LoginRateLimiter


class FakeClock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_limit_and_forgetting():
    clock = FakeClock()
    limiter = LoginRateLimiter(limit=2, window_s=60.0, clock=clock)
    assert [limiter.allow("10.0.0.1") for _ in range(3)] == [True, True, False]
    for n in range(100):
        limiter.allow(f"10.0.1.{n}")
        clock.now += 1
    print("clients tracked:", len(limiter))
