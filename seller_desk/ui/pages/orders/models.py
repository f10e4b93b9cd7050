"""Colours of the orders page's tables (the tables are the shared paged model)."""

from __future__ import annotations

from seller_desk.messages import orders as _orders_messages  # noqa: F401  (customs.* settings)
from seller_desk.ui.qt import QColor

GREEN, RED, AMBER = QColor("#d8f0dc"), QColor("#f8d7d7"), QColor("#fff1c9")
