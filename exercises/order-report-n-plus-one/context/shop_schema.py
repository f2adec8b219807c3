"""The shop database schema (read-only project file). Dates are stored as ISO text."""

SCHEMA = """
CREATE TABLE customers (
    id    INTEGER PRIMARY KEY,
    name  TEXT NOT NULL,
    email TEXT NOT NULL
);
CREATE TABLE orders (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers(id),
    placed_on   TEXT NOT NULL              -- "YYYY-MM-DD"
);
CREATE INDEX orders_placed_on ON orders(placed_on);
CREATE TABLE order_lines (
    id               INTEGER PRIMARY KEY,
    order_id         INTEGER NOT NULL REFERENCES orders(id),
    sku              TEXT NOT NULL,
    quantity         INTEGER NOT NULL,
    unit_price_cents INTEGER NOT NULL
);
CREATE INDEX order_lines_order_id ON order_lines(order_id);
"""
