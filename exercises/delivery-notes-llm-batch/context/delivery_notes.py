"""Driver exception notes and how the dispatch team asks the model about them (read-only project file).

Two prompt formats exist. INSTRUCTIONS + one note: the model answers with one reason code.
BATCH_INSTRUCTIONS + format_batch(notes): the model answers with one JSON object mapping each
note id to its reason code, e.g. {"N-104": "customer_absent", "N-105": "damaged"}. Like any model
it may leave a note out, invent a code, or answer something that is not JSON at all, and its
answer is cut off after max_tokens tokens.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

REASON_CODES = ("address_not_found", "customer_absent", "damaged", "refused", "access_problem", "other")

# The model classifies reliably up to this many notes per request; accuracy drops after it.
MAX_BATCH = 25
# Completion tokens to allow per note in a batch answer (id, code, quotes and punctuation).
ANSWER_TOKENS_PER_NOTE = 12

_CODE_GUIDE = """\
Reason codes:
- address_not_found: the address does not exist, is incomplete, or the house cannot be found.
- customer_absent: nobody answered; a card was left; the customer was not at home.
- damaged: the parcel or its contents were damaged before or during delivery.
- refused: the customer refused the parcel or did not want to pay the charges.
- access_problem: gate codes, locked buildings, dogs, road closures, no parking.
- other: anything else, or when unsure.
Examples: "rang twice no answer, card left" -> customer_absent; "box crushed, liquid leaking" ->
damaged; "gate code 4411 wrong, could not enter" -> access_problem; "no number 17 on this street"
-> address_not_found; "customer said they never ordered it" -> refused.
"""

INSTRUCTIONS = (
    "You classify the notes delivery drivers write when a parcel cannot be delivered.\n"
    + _CODE_GUIDE
    + "Answer with the reason code only.\n"
)

BATCH_INSTRUCTIONS = (
    "You classify the notes delivery drivers write when a parcel cannot be delivered.\n"
    + _CODE_GUIDE
    + "Each line below is one note as JSON. Answer with one JSON object mapping every note id "
    "to its reason code, and nothing else.\n"
)


@dataclass(frozen=True)
class DriverNote:
    id: str
    parcel: str
    text: str


def format_batch(notes: Iterable[DriverNote]) -> str:
    """The notes part of a batch prompt: one JSON line per note."""
    return "".join(json.dumps({"id": n.id, "text": n.text}, ensure_ascii=False) + "\n" for n in notes)
