import pytest

from shipping_rules import RulesError, load_shipping_rules


def test_valid_file():
    """A small valid file parses."""
    got = load_shipping_rules("currency: EUR\nzones:\n  - {name: DE, countries: [DE], price_cents: 490}\n")
    assert got == {"currency": "EUR", "zones": [
        {"name": "DE", "countries": ["DE"], "price_cents": 490, "free_over_cents": None}]}


def test_python_object_tag_is_refused():
    """A tag that names a Python callable is refused with RulesError."""
    with pytest.raises(RulesError):
        load_shipping_rules("currency: !!python/object/apply:builtins.len [[1, 2]]\nzones: []\n")
