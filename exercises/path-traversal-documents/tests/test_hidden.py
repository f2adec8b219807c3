import os

import pytest

from clinic_errors import DocumentNotFound
from patient_documents import read_document


@pytest.fixture
def tree(tmp_path):
    """patients/1001 is the signed-in patient's folder; everything else must stay out of reach."""
    patients = tmp_path / "patients"
    base = patients / "1001"
    (base / "2024").mkdir(parents=True)
    (base / "Lab results.pdf").write_bytes(b"%PDF lab 1001")
    (base / "2024" / "x-ray scan.png").write_bytes(b"\x89PNG 1001")
    (base / "notes.txt").write_bytes(b"notes 1001")
    (patients / "1002").mkdir()
    (patients / "1002" / "private.pdf").write_bytes(b"%PDF OTHER PATIENT")
    (patients / "1001-archive").mkdir()
    (patients / "1001-archive" / "old.pdf").write_bytes(b"%PDF ARCHIVED, STAFF ONLY")
    (tmp_path / "secret.env").write_bytes(b"DB_PASSWORD=SERVER SECRET")
    os.symlink(patients / "1002", base / "shared")
    os.symlink(tmp_path / "secret.env", base / "leak.txt")
    return tmp_path, base


def check_bytes(got, want):
    assert type(got) is bytes, f"expected bytes, got {type(got).__name__}"
    assert want == got, f"got {got[:20]!r}"


def test_reads_a_document(tree):
    """A document in the patient's folder is returned as bytes, with %20 in the URL decoded to a
    space — patients download their results this way."""
    _root, base = tree
    check_bytes(read_document(base, "Lab%20results.pdf"), b"%PDF lab 1001")
    check_bytes(read_document(base, "notes.txt"), b"notes 1001")


def test_reads_a_document_in_a_subfolder(tree):
    """Documents in sub-folders of the patient's folder can be downloaded."""
    _root, base = tree
    check_bytes(read_document(base, "2024/x-ray%20scan.png"), b"\x89PNG 1001")
    check_bytes(read_document(base, "2024%2Fx-ray%20scan.png"), b"\x89PNG 1001")


@pytest.mark.parametrize("name", ["missing.pdf", "2024", "2024/", "", "2024/missing.png"],
                         ids=["missing", "folder", "folder-slash", "empty", "missing-nested"])
def test_missing_document_is_not_found(tree, name):
    """A name that is not a file in the patient's folder (missing, or a folder) raises
    DocumentNotFound, which the web layer turns into a 404."""
    _root, base = tree
    with pytest.raises(DocumentNotFound):
        read_document(base, name)


TRAVERSALS = {
    "dot-dot": "../1002/private.pdf",
    "encoded-slash": "..%2F1002%2Fprivate.pdf",
    "encoded-dots": "%2e%2e/%2e%2e/secret.env",
    "subfolder-escape": "2024/../../1002/private.pdf",
    "filter-bypass": "....//1002/private.pdf",
    "same-prefix": "../1001-archive/old.pdf",
    "double-encoded": "%252e%252e%252f1002%252fprivate.pdf",
    "nul-byte": "notes.txt%00.pdf",
    "backslashes": "..%5C1002%5Cprivate.pdf",
}


@pytest.mark.parametrize("name", list(TRAVERSALS.values()), ids=list(TRAVERSALS))
def test_relative_paths_cannot_leave_the_folder(tree, name):
    """A name that climbs out of the patient's folder — with ../, percent-encoded dots or slashes,
    through a sub-folder, or into a sibling folder with a similar name — raises DocumentNotFound.
    Otherwise one patient can read another patient's records."""
    _root, base = tree
    with pytest.raises(DocumentNotFound):
        read_document(base, name)


def test_absolute_paths_are_refused(tree):
    """An absolute path, plain or percent-encoded, raises DocumentNotFound instead of reading any
    file on the server."""
    root, base = tree
    secret = str(root / "secret.env")
    for name in (secret, secret.replace("/", "%2F"), "/" + secret.lstrip("/"), "%2F" + secret.lstrip("/")):
        with pytest.raises(DocumentNotFound):
            read_document(base, name)


@pytest.mark.parametrize("name", ["leak.txt", "shared/private.pdf"], ids=["file-link", "folder-link"])
def test_symlinks_pointing_outside_are_refused(tree, name):
    """A symbolic link inside the patient's folder that points outside it is not followed: the
    download raises DocumentNotFound."""
    _root, base = tree
    with pytest.raises(DocumentNotFound):
        read_document(base, name)


def test_relative_base_dir_still_works(tree, monkeypatch):
    """The function works when the documents folder is given as a relative path, as in local
    development."""
    root, _base = tree
    monkeypatch.chdir(root)
    check_bytes(read_document(os.path.join("patients", "1001"), "notes.txt"), b"notes 1001")
    with pytest.raises(DocumentNotFound):
        read_document(os.path.join("patients", "1001"), "../1002/private.pdf")
