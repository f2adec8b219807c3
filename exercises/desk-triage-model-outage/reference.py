"""Route incoming support tickets to a queue with the language model."""

from __future__ import annotations

import logging
import time
from typing import Callable

from llm_gateway import (
    MAX_MODEL_ATTEMPTS,
    MODEL_TIMEOUT_S,
    QUEUES,
    RETRY_PAUSES_S,
    ModelClient,
    ModelRejected,
    ModelUnavailable,
    Triage,
    keyword_triage,
)

log = logging.getLogger(__name__)

PROMPT = """You route customer support tickets for Helpwise.
Answer with exactly one word, the queue: billing, technical, account or general.

Subject: {subject}
{body}
"""


def ask_model(prompt: str, model: ModelClient, sleep: Callable[[float], None]) -> str | None:
    """The model's answer, or None when it cannot give one (outage or permanent rejection).

    Every call has a deadline; only transient failures are retried, a bounded number of times.
    """
    for attempt in range(1, MAX_MODEL_ATTEMPTS + 1):
        try:
            return model.complete(prompt, max_tokens=5, timeout=MODEL_TIMEOUT_S)
        except ModelRejected as exc:
            log.warning("triage prompt rejected by the model, using rules: %s", exc)
            return None
        except ModelUnavailable as exc:
            if attempt == MAX_MODEL_ATTEMPTS:
                log.warning("triage model unavailable after %d attempts, using rules: %s", attempt, exc)
                return None
            sleep(RETRY_PAUSES_S[attempt - 1])
    return None


def triage_ticket(
    subject: str,
    body: str,
    model: ModelClient,
    *,
    sleep: Callable[[float], None] = time.sleep,
) -> Triage:
    """The queue a new ticket goes to: the model's choice, or the rules' when the model can't answer."""
    prompt = PROMPT.format(subject=subject, body=body[:4000])
    answer = ask_model(prompt, model, sleep)
    if answer is None:
        return keyword_triage(subject, body)
    queue = answer.strip().strip(".").lower()
    if queue not in QUEUES:
        # The model rambled instead of naming a queue: let the rules decide.
        return keyword_triage(subject, body)
    return Triage(queue, "model")
