"""Search snippets for the help centre: a one-sentence summary of every article (ticket KB-52)."""

from __future__ import annotations

import asyncio

from helpcentre import Article
from llm_async import AsyncLLM

PROMPT = "Summarise this help-centre article in one sentence for the search results page.\n\n# {title}\n\n{body}"


async def summarise_articles(articles: list[Article], llm: AsyncLLM) -> dict[int, str]:
    """Summary of every article, keyed by article id."""

    async def summarise(article: Article) -> tuple[int, str]:
        answer = await llm.complete(PROMPT.format(title=article.title, body=article.body), max_tokens=120)
        return article.id, answer.strip()

    # Fire all the requests at once and wait for them together: much faster than one by one.
    results = await asyncio.gather(*(summarise(article) for article in articles))
    return dict(results)
