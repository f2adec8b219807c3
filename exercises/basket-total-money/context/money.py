"""Money for the shop: a whole number of cents and a currency. Never a float.

Every amount the shop stores, charges or shows is a Money. Parse text at the edge of
the system with Money.parse, do arithmetic with the methods below, and read .cents
when an integer is needed (the payment provider takes cents).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

_CENT = Decimal("0.01")


@dataclass(frozen=True, order=True)
class Money:
    cents: int
    currency: str = "EUR"

    def __post_init__(self) -> None:
        if type(self.cents) is not int:
            raise TypeError(f"Money takes a whole number of cents, not {type(self.cents).__name__}")

    @classmethod
    def zero(cls, currency: str = "EUR") -> Money:
        return cls(0, currency)

    @classmethod
    def parse(cls, amount: str, currency: str = "EUR") -> Money:
        """Money.parse("4.99") == Money(499). Exact: the text never passes through a float."""
        try:
            value = Decimal(str(amount).strip())
        except InvalidOperation:
            raise ValueError(f"not an amount of money: {amount!r}") from None
        if not value.is_finite() or value != value.quantize(_CENT):
            raise ValueError(f"not an amount of money: {amount!r}")
        return cls(int(value * 100), currency)

    def __add__(self, other: Money) -> Money:
        self._same_currency(other)
        return Money(self.cents + other.cents, self.currency)

    def __sub__(self, other: Money) -> Money:
        self._same_currency(other)
        return Money(self.cents - other.cents, self.currency)

    def times(self, quantity: int) -> Money:
        """The price of `quantity` items at this unit price."""
        if type(quantity) is not int:
            raise TypeError("quantity must be a whole number")
        return Money(self.cents * quantity, self.currency)

    def percent(self, percent: int | Decimal) -> Money:
        """`percent` % of this amount, rounded half up to the cent (the finance team's rule)."""
        exact = Decimal(self.cents) * Decimal(percent) / 100
        return Money(int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP)), self.currency)

    def _same_currency(self, other: Money) -> None:
        if not isinstance(other, Money):
            raise TypeError(f"cannot combine Money with {type(other).__name__}")
        if other.currency != self.currency:
            raise ValueError(f"cannot combine {self.currency} with {other.currency}")

    def __str__(self) -> str:
        sign = "-" if self.cents < 0 else ""
        euros, cents = divmod(abs(self.cents), 100)
        return f"{sign}{euros}.{cents:02d} {self.currency}"
