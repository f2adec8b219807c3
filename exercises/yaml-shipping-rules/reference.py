"""Shipping rules that merchants upload as YAML from the shop admin (ticket SHOP-877)."""

from __future__ import annotations

from typing import Any

import yaml

CURRENCIES = ("EUR", "GBP", "USD")


class RulesError(ValueError):
    """The uploaded file is not valid; the message is shown to the merchant."""


def load_shipping_rules(text: str) -> dict[str, Any]:
    """Parse and validate a merchant's shipping-rules file.

    Returns {"currency": str, "zones": [zone, ...]} where each zone is
    {"name": str, "countries": [str, ...], "price_cents": int, "free_over_cents": int | None}.
    Raises RulesError with a friendly message for anything invalid, including
    YAML that tries to build Python objects.
    """
    try:
        # safe_load builds only plain data (dicts, lists, strings, numbers,
        # dates): YAML tags that name Python objects are rejected, never run.
        data = yaml.safe_load(text)
    except (yaml.YAMLError, ValueError, KeyError, AttributeError, RecursionError) as exc:
        # PyYAML reports bad syntax as YAMLError, but a value it cannot convert leaks a
        # plain ValueError (2025-02-30), KeyError (!!bool maybe) or AttributeError
        # (!!timestamp soon), and deep nesting a RecursionError. All of them are the
        # merchant's file being wrong, so all of them become the merchant's message.
        raise RulesError(f"The file is not valid YAML: {exc!r}") from None

    if not isinstance(data, dict):
        raise RulesError("The file must be a mapping with 'currency' and 'zones'.")
    currency = data.get("currency")
    if currency not in CURRENCIES:
        raise RulesError(f"'currency' must be one of {', '.join(CURRENCIES)}.")
    zones = data.get("zones")
    if not isinstance(zones, list) or not zones:
        raise RulesError("'zones' must be a non-empty list.")
    return {"currency": currency, "zones": [_parse_zone(zone, n) for n, zone in enumerate(zones, 1)]}


def _parse_zone(zone: Any, number: int) -> dict[str, Any]:
    """Validate one zone entry; `number` is 1-based for the error message."""
    if not isinstance(zone, dict):
        raise RulesError(f"Zone {number} must be a mapping.")
    name = zone.get("name")
    if not isinstance(name, str) or not name.strip():
        raise RulesError(f"Zone {number} needs a 'name'.")
    countries = zone.get("countries")
    if not isinstance(countries, list) or not all(_is_country(c) for c in countries):
        raise RulesError(f"Zone {name!r}: 'countries' must be a list of two-letter codes like DE.")
    price = _cents(zone.get("price_cents"), f"Zone {name!r}: 'price_cents'")
    free_over = zone.get("free_over_cents")
    if free_over is not None:
        free_over = _cents(free_over, f"Zone {name!r}: 'free_over_cents'")
    return {"name": name.strip(), "countries": list(countries), "price_cents": price, "free_over_cents": free_over}


def _is_country(code: Any) -> bool:
    return isinstance(code, str) and len(code) == 2 and code.isascii() and code.isalpha() and code.isupper()


def _cents(value: Any, label: str) -> int:
    if type(value) is not int or value < 0:
        raise RulesError(f"{label} must be a whole number of cents, 0 or more.")
    return value
