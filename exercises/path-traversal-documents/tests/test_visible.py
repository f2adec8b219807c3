import pytest

from clinic_errors import DocumentNotFound
from patient_documents import read_document


def test_download(tmp_path):
    """A patient's document is returned; %20 means a space."""
    (tmp_path / "Lab results.pdf").write_bytes(b"%PDF")
    assert read_document(tmp_path, "Lab%20results.pdf") == b"%PDF"


def test_parent_folder_is_refused(tmp_path):
    """../ cannot leave the patient's folder."""
    base = tmp_path / "1001"
    base.mkdir()
    (tmp_path / "other.pdf").write_bytes(b"other patient")
    with pytest.raises(DocumentNotFound):
        read_document(base, "../other.pdf")
