"""Hidden tests for payroll-bank-export."""

import csv
import logging
import stat

import pytest

import settings as project_settings
from bank_export import export_bank_file
from payslips import Payslip
from settings import Settings

AUDIT = "payroll.audit"

SLIPS = [
    Payslip(1, "Ana Lima", "NL91ABNA0417164300", 312_455),
    Payslip(2, "Bram de Vries", "NL20INGB0001234567", 287_005),
    Payslip(3, "Chen Wei", "DE89370400440532013000", 410_090),
]


@pytest.fixture
def configured(tmp_path, monkeypatch):
    """Project settings pointing at a fresh export dir; stale environment variables set elsewhere."""
    export_dir = tmp_path / "secure-exports"
    export_dir.mkdir()
    trap = tmp_path / "stale-env-dir"
    for name in ("BANK_EXPORT_DIR", "EXPORT_DIR", "PAYROLL_EXPORT_DIR"):
        monkeypatch.setenv(name, str(trap))
    for name in ("COMPANY_IBAN", "PAYROLL_COMPANY_IBAN"):
        monkeypatch.setenv(name, "XX00STALE0000")
    config = Settings(export_dir=export_dir, company_name="Acme Payroll BV", company_iban="NL02RABO0123456789")
    project_settings.configure(config)
    yield config, trap
    project_settings.configure(None)


def _rows(path):
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.reader(fh))


def test_file_goes_to_the_configured_export_directory(configured):
    """The bank file is written to the export directory from the project's settings, not to a
    directory taken from environment variables or a temp-folder default, where other users
    on the server could read everyone's salary and IBAN."""
    config, trap = configured
    path = export_bank_file(SLIPS, "2026-05", "ana")
    expected = config.export_dir / "payroll-2026-05.csv"
    assert expected.is_file(), f"no bank file in the configured export directory; returned {path}"
    assert str(expected) == str(path), f"returned {path}, expected the file in the export directory"
    assert not trap.exists(), "something was written to a directory named by an environment variable"


def test_company_account_comes_from_settings(configured):
    """Every row pays from the company IBAN in the project's settings: an empty or stale
    debtor account makes the bank reject the whole salary run."""
    config, _ = configured
    rows = _rows(export_bank_file(SLIPS, "2026-05", "ana"))
    assert [r[0] for r in rows[1:]] == [config.company_iban] * 3, f"debtor column was {[r[0] for r in rows[1:]]}"


def test_settings_are_read_when_the_export_runs(tmp_path, configured):
    """Settings are looked up each time the export runs (staging and tests swap them), not
    frozen when the module is imported."""
    other_dir = tmp_path / "other"
    other_dir.mkdir()
    project_settings.configure(Settings(other_dir, "Acme Payroll BV", "BE68539007547034"))
    path = export_bank_file(SLIPS[:1], "2026-06", "bram")
    assert (other_dir / "payroll-2026-06.csv").is_file(), f"the file went to {path}"
    assert _rows(other_dir / "payroll-2026-06.csv")[1][0] == "BE68539007547034", "the debtor IBAN is stale"


def test_bank_file_is_private(configured):
    """The bank file is readable by the payroll service user only (written with the project's
    storage helper), because it lists every employee's salary and bank account."""
    path = export_bank_file(SLIPS, "2026-05", "ana")
    mode = stat.S_IMODE(path.stat().st_mode)
    assert mode & 0o077 == 0, f"the file mode is {oct(mode)}: group or others can read it"


def test_bank_file_is_written_with_the_storage_helper(configured, monkeypatch):
    """The bank file is written through the project's storage helper (write_private), which
    creates it private from the first byte and renames it into place, so the bank upload job
    never picks up half a file and nobody can read it while it is being written."""
    import bank_export
    import storage

    original = storage.write_private
    written = []

    def recording(path, text):
        written.append(str(path))
        return original(path, text)

    monkeypatch.setattr(storage, "write_private", recording)
    for name, value in list(vars(bank_export).items()):
        if value is original:
            monkeypatch.setattr(bank_export, name, recording)
    path = export_bank_file(SLIPS, "2026-05", "ana")
    assert written == [str(path)], "the bank file was not written with the storage helper"


def test_export_is_recorded_in_the_audit_trail(configured, caplog, capsys):
    """Who exported which period, how many payslips and the total go to the project's audit
    trail (audit()), not to print(), whose output the job runner throws away."""
    caplog.set_level(logging.INFO, logger=AUDIT)
    export_bank_file(SLIPS, "2026-05", "chen.w")
    records = [r for r in caplog.records if r.name == AUDIT]
    assert len(records) == 1, f"{len(records)} audit records were written"
    record = records[0]
    assert getattr(record, "actor", None) == "chen.w", "the audit record does not name who ran the export"
    fields = getattr(record, "fields", {})
    assert fields.get("period") == "2026-05", f"audit fields were {fields}"
    assert fields.get("payslips") == 3, f"audit fields were {fields}"
    assert fields.get("total_cents") == 1_009_550, f"audit fields were {fields}"
    assert capsys.readouterr().out == "", "the export printed to standard output"


class DiskFull(OSError):
    """The storage helper's failure in this test (a full encrypted volume)."""


def test_failed_write_is_not_recorded_as_an_export(configured, caplog, monkeypatch):
    """When the bank file cannot be written, the export fails with that error and nothing is
    added to the audit trail — an audit record for a file that does not exist tells the
    auditors salaries were sent to the bank when they were not."""
    import bank_export
    import storage

    original = storage.write_private

    def full_disk(path, text):
        raise DiskFull(28, "No space left on device")

    monkeypatch.setattr(storage, "write_private", full_disk)
    for name, value in list(vars(bank_export).items()):
        if value is original:
            monkeypatch.setattr(bank_export, name, full_disk)
    caplog.set_level(logging.INFO, logger=AUDIT)
    with pytest.raises(DiskFull):
        export_bank_file(SLIPS, "2026-05", "ana")
    records = [r for r in caplog.records if r.name == AUDIT]
    assert records == [], "the audit trail records an export whose file was never written"


def test_rows_are_still_correct(configured):
    """The file still has the header and one row per payslip with the name, IBAN, amount in
    euros with two decimals and the salary reference: the feature itself must keep working."""
    slips = SLIPS + [Payslip(4, "Dee O'Neil, Jr.", "IE29AIBK93115212345678", 5), Payslip(5, "Eva", "FR7630006000011234567890189", 100)]
    rows = _rows(export_bank_file(slips, "2026-07", "ana"))
    iban = configured[0].company_iban
    assert rows == [
        ["debtor_iban", "creditor_name", "creditor_iban", "amount", "reference"],
        [iban, "Ana Lima", "NL91ABNA0417164300", "3124.55", "Salary 2026-07"],
        [iban, "Bram de Vries", "NL20INGB0001234567", "2870.05", "Salary 2026-07"],
        [iban, "Chen Wei", "DE89370400440532013000", "4100.90", "Salary 2026-07"],
        [iban, "Dee O'Neil, Jr.", "IE29AIBK93115212345678", "0.05", "Salary 2026-07"],
        [iban, "Eva", "FR7630006000011234567890189", "1.00", "Salary 2026-07"],
    ], f"the file was {rows}"
