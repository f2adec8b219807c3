from log_search import search_log


def test_finds_order(tmp_path):
    """An order id finds its lines."""
    log = tmp_path / "app.log"
    log.write_text("order=A-1 ok\norder=B-2 ok\norder=A-1 paid\n", encoding="utf-8")
    assert search_log(log, "a-1") == ["order=A-1 ok", "order=A-1 paid"]


def test_apostrophe_in_term(tmp_path):
    """A term with an apostrophe is searched for, not an error."""
    log = tmp_path / "app.log"
    log.write_text("Couldn't connect\nconnected\n", encoding="utf-8")
    assert search_log(log, "couldn't") == ["Couldn't connect"]
