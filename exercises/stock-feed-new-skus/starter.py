"""Supplier stock feed: find the SKUs a supplier ships that we do not sell yet."""

from __future__ import annotations


def new_skus(feed: list[str], catalogue: list[str]) -> list[str]:
    """SKUs in the supplier `feed` that are not in our `catalogue`.

    The result keeps the order of the feed and lists each new SKU once, even when the
    supplier repeats it.
    """
    new: list[str] = []
    for sku in feed:
        # Skip SKUs we already sell and SKUs we have already reported.
        if sku not in catalogue and sku not in new:
            new.append(sku)
    return new
