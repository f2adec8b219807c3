"""Nightly classification of drivers' delivery-exception notes (ticket DSP-77)."""

from __future__ import annotations

from delivery_notes import INSTRUCTIONS, REASON_CODES, DriverNote
from llm import LLM


def classify_notes(notes: list[DriverNote], llm: LLM) -> dict[str, str]:
    """Reason code for every note, keyed by note id; "other" when the model's answer is unusable."""
    codes: dict[str, str] = {}
    for note in notes:
        prompt = f"{INSTRUCTIONS}\nNote: {note.text}\n"
        answer = llm.complete(prompt, max_tokens=10).strip().lower()
        codes[note.id] = answer if answer in REASON_CODES else "other"
    return codes
