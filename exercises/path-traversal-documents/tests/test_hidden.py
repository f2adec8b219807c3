import builtins
import io
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


@pytest.mark.parametrize("name", ["missing.pdf", "2024", "2024/", "", "2024/missing.png", "x" * 300 + ".pdf"],
                         ids=["a file that does not exist", "a folder", "a folder with a trailing slash",
                              "an empty name", "a missing file in a sub-folder", "a name too long for the file system"])
def test_missing_document_is_not_found(tree, name):
    """A name that is not a file in the patient's folder (missing, a folder, or a name the file
    system refuses outright) raises DocumentNotFound, which the web layer turns into a 404."""
    _root, base = tree
    with pytest.raises(DocumentNotFound):
        read_document(base, name)


TRAVERSALS = [
    pytest.param("../1002/private.pdf", id="a parent folder step"),
    pytest.param("..%2F1002%2Fprivate.pdf", id="a percent-encoded slash"),
    pytest.param("%2e%2e/%2e%2e/secret.env", id="percent-encoded dots"),
    pytest.param("2024/../../1002/private.pdf", id="an escape through a sub-folder"),
    pytest.param("....//1002/private.pdf", id="a name built to survive a filter"),
    pytest.param("../1001-archive/old.pdf", id="a sibling folder with the same prefix"),
    pytest.param("%252e%252e%252f1002%252fprivate.pdf", id="double percent-encoding"),
    pytest.param("notes.txt%00.pdf", id="an encoded NUL byte"),
    pytest.param("..%5C1002%5Cprivate.pdf", id="encoded backslashes"),
]


@pytest.mark.parametrize("name", TRAVERSALS)
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


@pytest.mark.parametrize("name", ["leak.txt", "shared/private.pdf"], ids=["a link to a file outside", "a link to a folder outside"])
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


def _refuse_to_open(monkeypatch, locked):
    """Make every way of opening `locked` fail as the kernel would for a file without read access."""
    def guard(real):
        def opener(file, *args, **kwargs):
            if isinstance(file, (str, bytes, os.PathLike)) and os.path.realpath(file) == str(locked):
                raise PermissionError(13, "Permission denied", os.fspath(file))
            return real(file, *args, **kwargs)
        return opener
    monkeypatch.setattr(builtins, "open", guard(builtins.open))
    monkeypatch.setattr(io, "open", guard(io.open))
    monkeypatch.setattr(os, "open", guard(os.open))


def test_unreadable_document_looks_missing(tree, monkeypatch):
    """A document that exists but cannot be read (the sync tool left it without read permission,
    or it vanished right after the check) raises DocumentNotFound like a missing file, never
    another exception — a 500 page tells an attacker the file is there."""
    _root, base = tree
    locked = base / "2024" / "locked.pdf"
    locked.write_bytes(b"%PDF locked")
    locked.chmod(0)
    if os.access(locked, os.R_OK):  # running as root: permissions do not stop the read
        _refuse_to_open(monkeypatch, os.path.realpath(locked))
    try:
        with pytest.raises(DocumentNotFound):
            read_document(base, "2024/locked.pdf")
    finally:
        locked.chmod(0o600)
