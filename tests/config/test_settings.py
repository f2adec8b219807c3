"""One settings module: defaults, parsing, clear errors, and the README table kept in step."""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path

import pytest

from config import SETTINGS, Settings, SettingsError, current
from config.settings import PROJECT_ROOT, load, markdown_table


def test_every_setting_is_a_field_and_every_field_a_setting():
    assert [s.field for s in SETTINGS] == [f.name for f in fields(Settings)]


def test_defaults_need_no_configuration():
    settings = load({})
    assert settings.mode == "local" and not settings.shared
    assert settings.effective_database_url == f"sqlite:///{PROJECT_ROOT / 'data' / 'prodready.db'}"
    assert settings.grading_slots >= 1 and settings.prewarm and settings.cgroups
    assert settings.content_root == PROJECT_ROOT


def test_postgres_urls_from_hosting_platforms_get_the_driver():
    assert load({"DATABASE_URL": "postgres://u@h/db"}).database_url == "postgresql+psycopg://u@h/db"


def test_relative_folders_are_inside_the_project_and_absolute_ones_kept(tmp_path: Path):
    assert load({"PRODREADY_DATA_DIR": "var"}).data_dir == PROJECT_ROOT / "var"
    assert load({"PRODREADY_DATA_DIR": str(tmp_path)}).data_dir == tmp_path


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("PRODREADY_MODE", "public"),
        ("PRODREADY_GRADING_SLOTS", "0"),
        ("PRODREADY_GRADING_SLOTS", "many"),
        ("PRODREADY_PREWARM", "yes"),
        ("PRODREADY_SANDBOX", "none"),
        ("PRODREADY_DB_BUSY_TIMEOUT_MS", "-1"),
    ],
)
def test_a_bad_value_names_the_variable(name: str, value: str):
    with pytest.raises(SettingsError, match=name):
        load({name: value})


def test_current_follows_the_environment(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("PRODREADY_MODE", "shared")
    assert current().shared
    monkeypatch.setenv("PRODREADY_MODE", "local")
    assert not current().shared


def test_nothing_else_reads_the_environment():
    readers = []
    for package in ("course", "grading", "learning", "progress", "views", "worker"):
        for path in (PROJECT_ROOT / package).rglob("*.py"):
            if re.search(r"os\.environ|getenv", path.read_text()) and "inside" not in path.parts:
                readers.append(str(path.relative_to(PROJECT_ROOT)))
    assert not readers, f"read settings through config.current(): {readers}"


def test_readme_table_is_the_settings_table():
    readme = (PROJECT_ROOT / "README.md").read_text()
    assert markdown_table() in readme, (
        "README's settings table is stale: run python -m config --readme"
    )
