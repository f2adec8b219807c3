import asyncio

from helpcentre import Article
from kb_summaries import summarise_articles


class CountingModel:
    """Records how many requests are in flight at once, as the grader's fake does."""

    def __init__(self):
        self.in_flight = 0
        self.max_in_flight = 0

    async def complete(self, prompt, *, max_tokens):
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        await asyncio.sleep(0)
        self.in_flight -= 1
        return "Reset your password from the sign-in page."


def test_how_concurrency_is_measured():
    """How the grader measures: the most requests in flight at the same time."""
    model = CountingModel()
    articles = [Article(i, "Reset your password", "Click 'Forgot password'.") for i in range(50)]
    summaries = asyncio.run(summarise_articles(articles, model))
    assert len(summaries) == 50
    print("most requests in flight at once:", model.max_in_flight)
