import json
import math
import random

import pytest

from delivery_notes import MAX_BATCH, REASON_CODES, DriverNote, format_batch
from llm import CONTEXT_WINDOW, count_tokens
from note_triage import classify_notes

TEMPLATES = {
    "address_not_found": ["no house number {n} on this street", "address incomplete, flat {n} unknown"],
    "customer_absent": ["rang twice no answer, card {n} left", "customer not home, tried at {n}:15"],
    "damaged": ["box crushed, liquid leaking, bay {n}", "parcel torn open at depot {n}"],
    "refused": ["customer refused parcel {n}", "would not pay the {n} EUR duties"],
    "access_problem": ["gate code {n} wrong, could not enter", "road closed at junction {n}"],
}


class PromptTooLong(RuntimeError):
    """The gateway refuses prompts over the context window."""


def make_notes(seed, count):
    rng = random.Random(seed)
    notes, truth = [], {}
    for i in range(count):
        code = rng.choice(list(TEMPLATES))
        note = DriverNote(f"N-{seed}-{i:05d}", f"PX{rng.randrange(10**8):08d}",
                          rng.choice(TEMPLATES[code]).format(n=1000 + i) + f" (parcel PX-{seed}-{i})")
        notes.append(note)
        truth[note.id] = code
    return notes, truth


class FakeClassifier:
    """The model behind the gateway. It recognises the notes a prompt contains; for a batch
    prompt (notes written with format_batch) it answers a JSON object in its own order, and for
    a single-note prompt the bare code. Its answer is cut off at max_tokens, like a real one.
    `drop` and `invent` make it leave notes out or invent codes; `garbage_on` makes given
    calls answer prose."""

    def __init__(self, notes, truth, seed=1, drop=(), invent=(), garbage_on=()):
        self.notes, self.truth = notes, truth
        self.rng = random.Random(seed)
        self.drop, self.invent, self.garbage_on = set(drop), set(invent), set(garbage_on)
        self.batches = []

    def complete(self, prompt, *, max_tokens):
        if count_tokens(prompt) > CONTEXT_WINDOW:
            raise PromptTooLong(f"{count_tokens(prompt)} tokens")
        found = sorted((prompt.find(n.text), n) for n in self.notes if n.text in prompt)
        batch = [n for _, n in found]
        self.batches.append(batch)
        if len(self.batches) in self.garbage_on:
            return "I'm sorry, I can't classify these notes right now."
        if batch and format_batch(batch) in prompt:
            self.rng.shuffle(answer := [n for n in batch if n.id not in self.drop])
            obj = {n.id: ("not_home" if n.id in self.invent else self.truth[n.id]) for n in answer}
            return json.dumps(obj)[: max_tokens * 4]
        if len(batch) == 1:
            note = batch[0]
            if note.id in self.drop:
                return ""
            return ("not_home" if note.id in self.invent else self.truth[note.id])[: max_tokens * 4]
        return "other"


def expected(notes, truth, unusable=()):
    return {n.id: ("other" if n.id in unusable else truth[n.id]) for n in notes}


@pytest.mark.parametrize(
    "seed, count", [(3, 7), (8, 260)], ids=["a quiet night", "a busy night"]
)
def test_every_note_gets_its_reason_code(seed, count):
    """Every note gets the reason code the model gave it, matched by note id — whatever
    order the model answers in — and every note of the night is in the result."""
    notes, truth = make_notes(seed, count)
    got = classify_notes(notes, FakeClassifier(notes, truth, seed))
    assert type(got) is dict, f"classify_notes returned a {type(got).__name__}, not a dict"
    assert set(got) == set(truth), f"{len(set(truth) - set(got))} notes missing from the result"
    wrong = [i for i in truth if got[i] != truth[i]]
    assert not wrong, f"{len(wrong)} of {count} notes got the wrong code, e.g. {wrong[0]}: {got[wrong[0]]!r}"


@pytest.mark.parametrize(
    "count", [10, 25, 26, 260, 501],
    ids=["fewer notes than a batch", "exactly one batch", "one more than a batch", "a busy night", "a peak night"],
)
def test_notes_are_sent_in_batches(count):
    """The notes go to the model in batches: at most one request per 25 notes. One request
    per note pays for the long instructions every time and makes the night's 30,000 notes
    take 30,000 rate-limited requests."""
    notes, truth = make_notes(count, count)
    model = FakeClassifier(notes, truth)
    classify_notes(notes, model)
    limit = math.ceil(count / MAX_BATCH)
    assert len(model.batches) <= limit, f"{len(model.batches)} requests for {count} notes; {limit} are enough"


def test_no_request_carries_more_than_a_batch():
    """No request carries more than 25 notes — past that the model's classifications become
    unreliable, and one request for the whole night would not fit the context window."""
    notes, truth = make_notes(12, 400)
    model = FakeClassifier(notes, truth)
    got = classify_notes(notes, model)
    biggest = max(len(b) for b in model.batches)
    assert biggest <= MAX_BATCH, f"a request carried {biggest} notes"
    assert sorted(n.id for b in model.batches for n in b) == sorted(truth), "every note is sent exactly once"
    assert type(got) is dict, f"classify_notes returned a {type(got).__name__}, not a dict"
    wrong = [i for i in truth if got.get(i) != truth[i]]
    assert not wrong, f"{len(wrong)} of {len(truth)} notes got the wrong code, e.g. {wrong[0]}: {got.get(wrong[0])!r}"


def test_missing_or_invented_codes_become_other():
    """A note the model left out of its answer, or gave a code that does not exist, is
    classified "other" (a person reads those in the morning) — an invented code would break
    the report, and a missing note would silently vanish from it."""
    notes, truth = make_notes(21, 60)
    left_out = {notes[3].id, notes[30].id, notes[59].id}
    invented = {notes[7].id, notes[41].id}
    model = FakeClassifier(notes, truth, drop=left_out, invent=invented)
    got = classify_notes(notes, model)
    assert type(got) is dict and set(got) == set(truth), "every note must be in the result"
    want = expected(notes, truth, left_out | invented)
    wrong = [i for i in want if got[i] != want[i]]
    assert not wrong, (
        f"{len(wrong)} notes got the wrong code, e.g. {wrong[0]}: {got[wrong[0]]!r} instead of {want[wrong[0]]!r}"
    )


def test_an_unreadable_answer_does_not_stop_the_night():
    """When the model answers one batch with something that is not JSON, that batch's notes
    are "other" and every other batch is still classified — one bad answer must not abort
    the nightly run."""
    notes, truth = make_notes(30, 75)
    model = FakeClassifier(notes, truth, garbage_on={2})
    got = classify_notes(notes, model)
    assert type(got) is dict and set(got) == set(truth), "every note must be in the result"
    assert len(model.batches) >= 2 and model.batches[1], "the notes were not sent in batches"
    unusable = {n.id for n in model.batches[1]}
    assert got == expected(notes, truth, unusable), "only the notes of the unreadable answer may be 'other'"


def test_codes_are_valid_strings():
    """Every value is one of the known reason codes, as a plain string."""
    notes, truth = make_notes(5, 40)
    got = classify_notes(notes, FakeClassifier(notes, truth, invent={notes[0].id}))
    assert all(type(v) is str and v in REASON_CODES for v in got.values()), "unknown reason code in the result"


def test_no_notes_no_requests():
    """A night without exception notes makes no request at all."""
    model = FakeClassifier([], {})
    assert classify_notes([], model) == {}
    assert model.batches == [], f"{len(model.batches)} requests for no notes"
