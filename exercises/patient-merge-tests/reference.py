"""Tests for patients.merge_duplicates, written together with the feature.

Each test receives the function under test as its argument `merge_duplicates`: the project's
conftest passes patients.merge_duplicates, and the nightly mutation job passes broken copies.
Every test compares whole records in order, and uses the inputs intake really sees: mixed case,
stray spaces, shared family addresses, missing e-mails and phones.
"""

from dataclasses import replace
from datetime import date

from patients import PatientRecord

ANA_BORN = date(1984, 3, 2)
CHILD_BORN = date(2016, 9, 30)


def record(record_id, email, *, born=ANA_BORN, phone=None, name="Ana Lima"):
    return PatientRecord(record_id, name, email, born, phone)


def ids(records):
    return [r.record_id for r in records]


def test_e_mail_case_and_spaces_do_not_split_a_patient(merge_duplicates):
    records = [
        record("web-1", "ana.lima@example.com"),
        record("desk-2", "Ana.Lima@Example.COM"),
        record("letter-3", "  ana.lima@example.com "),
    ]
    assert ids(merge_duplicates(records)) == ["web-1"]


def test_the_first_record_is_kept_as_written(merge_duplicates):
    records = [record("desk-1", " ANA.LIMA@example.com"), record("web-2", "ana.lima@example.com", name="A. Lima")]
    assert merge_duplicates(records) == [record("desk-1", " ANA.LIMA@example.com")]


def test_a_parent_and_child_sharing_an_address_stay_apart(merge_duplicates):
    records = [
        record("p1", "lima.family@example.com"),
        record("p2", "lima.family@example.com", born=CHILD_BORN, name="Rui Lima"),
    ]
    assert ids(merge_duplicates(records)) == ["p1", "p2"]


def test_records_without_e_mail_are_never_merged(merge_duplicates):
    records = [record("n1", None), record("n2", ""), record("n3", None)]
    assert ids(merge_duplicates(records)) == ["n1", "n2", "n3"]


def test_patients_keep_their_order_of_arrival(merge_duplicates):
    records = [
        record("z", "zoe@example.com", name="Zoe Adams"),
        record("a", "bo@example.com", name="Bo Young"),
        record("z2", "ZOE@example.com", name="Zoe Adams"),
        record("m", None, name="Aaron Moss"),
    ]
    assert ids(merge_duplicates(records)) == ["z", "a", "m"]


def test_a_missing_phone_is_filled_from_the_first_duplicate_that_has_one(merge_duplicates):
    records = [
        record("p1", "ana@example.com"),
        record("p2", "ANA@example.com"),
        record("p3", "ana@example.com", phone="+44 20 7946 0018"),
        record("p4", "ana@example.com", phone="+44 20 7946 0999"),
    ]
    merged = merge_duplicates(records)
    assert ids(merged) == ["p1"] and merged[0].phone == "+44 20 7946 0018"


def test_a_phone_on_file_is_never_overwritten(merge_duplicates):
    records = [record("p1", "ana@example.com", phone="+44 20 7946 0000"), record("p2", "ana@example.com", phone="+44 7700 900123")]
    assert merge_duplicates(records)[0].phone == "+44 20 7946 0000"


def test_the_callers_records_are_not_modified(merge_duplicates):
    records = [record("p1", "ana@example.com"), record("p2", "ana@example.com", phone="+44 20 7946 0018")]
    before = [replace(r) for r in records]
    merge_duplicates(records)
    assert records == before


def test_no_records(merge_duplicates):
    assert merge_duplicates([]) == []
