"""Tests for patients.merge_duplicates, written together with the feature.

Each test receives the function under test as its argument `merge_duplicates`: the project's
conftest passes patients.merge_duplicates, and the nightly mutation job passes broken copies.
"""

from datetime import date

from patients import PatientRecord


def make(record_id, email, phone=None, born=date(1980, 1, 1), name="Ana Lima"):
    return PatientRecord(record_id, name, email, born, phone)


def test_merges_duplicates(merge_duplicates):
    records = [make("p1", "ana@example.com"), make("p2", "ana@example.com")]
    assert len(merge_duplicates(records)) == 1


def test_keeps_different_patients(merge_duplicates):
    records = [make("p1", "ana@example.com"), make("p2", "bo@example.com")]
    result = merge_duplicates(records)
    assert {record.record_id for record in result} == {"p1", "p2"}


def test_phone_is_filled_in(merge_duplicates):
    records = [make("p1", "ana@example.com"), make("p2", "ana@example.com", phone="+44 20 7946 0018")]
    result = merge_duplicates(records)
    assert result[0].phone


def test_result_is_stable(merge_duplicates):
    records = [make("p1", "ana@example.com"), make("p2", "ana@example.com"), make("p3", "bo@example.com")]
    assert merge_duplicates(records) == merge_duplicates(records)


def test_no_records(merge_duplicates):
    assert merge_duplicates([]) == []
