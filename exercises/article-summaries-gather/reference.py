"""Search snippets for the help centre: a one-sentence summary of every article (ticket KB-52)."""

from __future__ import annotations

import asyncio

from helpcentre import Article
from llm_async import MAX_CONCURRENT, AsyncLLM

PROMPT = "Summarise this help-centre article in one sentence for the search results page.\n\n# {title}\n\n{body}"


async def summarise_articles(
    articles: list[Article], llm: AsyncLLM, *, concurrency: int = MAX_CONCURRENT
) -> dict[int, str]:
    """Summary of every article, keyed by article id, with at most `concurrency` requests in flight."""
    if concurrency < 1:
        raise ValueError("concurrency must be at least 1")
    # Created here, inside the running event loop, and shared by every request of this run:
    # a semaphore per request limits nothing, and one at module level is tied to the first loop.
    slots = asyncio.Semaphore(concurrency)

    async def summarise(article: Article) -> tuple[int, str]:
        async with slots:
            answer = await llm.complete(PROMPT.format(title=article.title, body=article.body), max_tokens=120)
        return article.id, answer.strip()

    results = await asyncio.gather(*(summarise(article) for article in articles))
    return dict(results)
