"""Shop-wide settings (read-only project file)."""

from decimal import Decimal

# Shown at checkout when the carrier's live price is not available.
FLAT_SHIPPING_RATE = Decimal("5.90")

# The most time checkout may spend waiting for the carrier, in seconds (agreed with ops).
CARRIER_TIMEOUT_S = 2.0
