"""Merging duplicate patient records at intake (read-only project file: the code under test).

Patients register online, at the desk and through referral letters, so the same person often
arrives two or three times. The rules agreed with the clinic's records officer:

- two records are the same patient when their e-mail addresses match, ignoring capital letters
  and surrounding spaces, AND their dates of birth are equal (a parent and a child often share
  an address);
- a record without an e-mail address is never merged with anything;
- the merged record is the first one that arrived (its id, name and e-mail as written); when it
  has no phone number, the first duplicate that has one fills it in — a phone on file is never
  overwritten;
- the result keeps the order in which patients first arrived;
- the caller's records are never modified (the same objects are written to the audit log).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date


@dataclass
class PatientRecord:
    record_id: str
    name: str
    email: str | None
    birth_date: date
    phone: str | None = None


def _identity(record: PatientRecord) -> tuple[str, date] | None:
    """What makes two records the same patient, or None when the record can't be matched."""
    if not record.email:
        return None
    return (record.email.strip().lower(), record.birth_date)


def merge_duplicates(records: Iterable[PatientRecord]) -> list[PatientRecord]:
    """One record per patient, in order of first arrival; the input records are left untouched."""
    kept_by_identity: dict[tuple[str, date], PatientRecord] = {}
    result: list[PatientRecord] = []
    for record in records:
        identity = _identity(record)
        if identity is None:
            result.append(replace(record))
            continue
        kept = kept_by_identity.get(identity)
        if kept is None:
            kept = replace(record)
            kept_by_identity[identity] = kept
            result.append(kept)
        elif kept.phone is None and record.phone:
            kept.phone = record.phone
    return result
