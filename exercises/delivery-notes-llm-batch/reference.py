"""Nightly classification of drivers' delivery-exception notes (ticket DSP-77)."""

from __future__ import annotations

import json

from delivery_notes import ANSWER_TOKENS_PER_NOTE, BATCH_INSTRUCTIONS, MAX_BATCH, REASON_CODES, DriverNote, format_batch
from llm import LLM


def classify_notes(notes: list[DriverNote], llm: LLM) -> dict[str, str]:
    """Reason code for every note, keyed by note id; "other" when the model's answer is unusable."""
    # One request per batch: the instructions (most of every prompt) are paid once per
    # MAX_BATCH notes instead of once per note, and the night needs 25 times fewer requests.
    codes: dict[str, str] = {}
    for start in range(0, len(notes), MAX_BATCH):
        batch = notes[start : start + MAX_BATCH]
        answer = llm.complete(
            BATCH_INSTRUCTIONS + format_batch(batch),
            max_tokens=ANSWER_TOKENS_PER_NOTE * len(batch),
        )
        codes.update(_codes_from(answer, batch))
    return codes


def _codes_from(answer: str, batch: list[DriverNote]) -> dict[str, str]:
    """Match the answer to the batch by note id; anything missing, unknown or unreadable is "other"."""
    try:
        parsed = json.loads(answer)
    except ValueError:
        parsed = {}
    if not isinstance(parsed, dict):
        parsed = {}
    return {note.id: _valid(parsed.get(note.id)) for note in batch}


def _valid(code: object) -> str:
    return code if isinstance(code, str) and code in REASON_CODES else "other"
