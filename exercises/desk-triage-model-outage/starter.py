"""Route incoming support tickets to a queue with the language model."""

from __future__ import annotations

import logging
import time
from typing import Callable

from llm_gateway import QUEUES, ModelClient, ModelError, Triage, keyword_triage

log = logging.getLogger(__name__)

PROMPT = """You route customer support tickets for Helpwise.
Answer with exactly one word, the queue: billing, technical, account or general.

Subject: {subject}
{body}
"""


def triage_ticket(
    subject: str,
    body: str,
    model: ModelClient,
    *,
    sleep: Callable[[float], None] = time.sleep,
) -> Triage:
    """The queue a new ticket goes to, decided by the model."""
    prompt = PROMPT.format(subject=subject, body=body[:4000])
    # The model API is flaky under load, so keep asking until it answers.
    while True:
        try:
            answer = model.complete(prompt, max_tokens=5)
            break
        except ModelError as exc:
            log.warning("triage model failed, retrying: %s", exc)
            sleep(2.0)
    queue = answer.strip().strip(".").lower()
    if queue not in QUEUES:
        # The model rambled instead of naming a queue: let the rules decide.
        return keyword_triage(subject, body)
    return Triage(queue, "model")
