"""The shipped service units start what `make run` starts: server.py (the app plus the sign-in
routes), never app.py alone, which would serve shared mode without its /auth pages."""

from __future__ import annotations

from pathlib import Path

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


def test_the_app_unit_runs_the_server_entry():
    unit = (DEPLOY / "prodready-app.service").read_text(encoding="utf-8")
    start = unit.split("ExecStart=", 1)[1].split("\n\n", 1)[0]
    assert "streamlit run server.py" in start
    assert "run app.py" not in start
