"""Supplier stock feed: find the SKUs a supplier ships that we do not sell yet."""

from __future__ import annotations


def new_skus(feed: list[str], catalogue: list[str]) -> list[str]:
    """SKUs in the supplier `feed` that are not in our `catalogue`.

    The result keeps the order of the feed and lists each new SKU once, even when the
    supplier repeats it.
    """
    # A set answers "is it in there?" in constant time; a list has to be scanned end to end.
    known = set(catalogue)
    new: list[str] = []
    for sku in feed:
        if sku not in known:
            new.append(sku)
            known.add(sku)  # report each new SKU once
    return new
