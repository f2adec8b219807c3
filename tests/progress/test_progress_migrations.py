"""Alembic owns the schema: the migrations build exactly the models, and upgrades keep data."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlmodel import SQLModel

from progress import ProgressStore, make_engine, upgrade
from progress.migrate import MIGRATIONS, alembic_config, current_revision, downgrade


def _head() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def test_upgrade_creates_a_fresh_database_at_head(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'sub' / 'fresh.db'}")
    upgrade(engine)
    assert current_revision(engine) == _head()


def test_the_migrated_schema_matches_the_models(engine):
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, SQLModel.metadata) == []


def test_upgrading_twice_keeps_progress(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'again.db'}")
    upgrade(engine)
    store = ProgressStore(engine)
    me = store.ensure_learner()
    store.save_draft(me, "ex", "kept")
    upgrade(engine)
    assert store.draft(me, "ex") == "kept"


def test_every_migration_downgrades_cleanly(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'down.db'}")
    upgrade(engine)
    downgrade(engine, "base")
    assert current_revision(engine) is None
    upgrade(engine)
    assert current_revision(engine) == _head()


def test_no_alembic_ini_at_the_repository_root():
    assert not (MIGRATIONS.parent.parent / "alembic.ini").exists()
