"""Triage incoming support tickets with the language model (ticket DESK-907)."""

from __future__ import annotations

import json
import logging

from llm_client import ChatModel, ModelUnavailable
from triage_models import CATEGORIES, PRIORITIES, SUMMARY_MAX_CHARS, Triage, review_triage

log = logging.getLogger(__name__)

PROMPT = """You are a support triage assistant. Classify the ticket below.
Answer with JSON only: {{"category": ..., "priority": ..., "summary": ...}}
category is one of billing, bug, account, feature_request, other.
priority is one of low, normal, high, urgent.
summary is one sentence of at most 200 characters.

Subject: {subject}

{body}
"""
MAX_ATTEMPTS = 2  # each call costs money and about two seconds of intake latency
REPLY_LOG_CHARS = 300


class InvalidReply(ValueError):
    """The model's reply is not a usable triage."""


def _json_object(reply: str) -> dict:
    """The first JSON object in the reply, ignoring prose or a code fence around it."""
    start = reply.find("{")
    if start < 0:
        raise InvalidReply("no JSON object in the reply")
    try:
        data, _end = json.JSONDecoder().raw_decode(reply, start)
    except json.JSONDecodeError as exc:
        raise InvalidReply(f"malformed JSON: {exc}") from exc
    return data


def _parse(reply: str) -> Triage:
    data = _json_object(reply)
    category, priority, summary = data.get("category"), data.get("priority"), data.get("summary")
    if category not in CATEGORIES:
        raise InvalidReply(f"category {category!r} is not one of {CATEGORIES}")
    if priority not in PRIORITIES:
        raise InvalidReply(f"priority {priority!r} is not one of {PRIORITIES}")
    if not isinstance(summary, str) or not summary.strip():
        raise InvalidReply("summary is missing or not text")
    return Triage(category, priority, summary.strip()[:SUMMARY_MAX_CHARS])


def triage_ticket(subject: str, body: str, model: ChatModel) -> Triage:
    """Ask the model for the ticket's category, priority and a one-line summary.

    A reply that is not a valid triage is asked for once more; if the model still fails, or is
    unavailable, the ticket goes to a human (`review_triage`) and the failure is logged.
    """
    prompt = PROMPT.format(subject=subject, body=body)
    for attempt in range(1, MAX_ATTEMPTS + 1):
        try:
            reply = model.complete(prompt, max_tokens=200)
        except ModelUnavailable as exc:
            log.warning("model unavailable, ticket %r goes to manual triage: %s", subject, exc)
            return review_triage(subject)
        try:
            return _parse(reply)
        except InvalidReply as exc:
            log.warning(
                "unusable triage for %r (attempt %d of %d): %s; reply was %r",
                subject, attempt, MAX_ATTEMPTS, exc, reply[:REPLY_LOG_CHARS],
            )
    return review_triage(subject)
