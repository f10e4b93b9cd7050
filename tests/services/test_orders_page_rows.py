"""The Orders list's rows (``OrdersService.orders_page``): what each order shows, its lines
summed, and nothing read that the list does not show."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from seller_desk.core.paging import PageRequest


def _order(no, when, lines, **kw):
    from seller_desk.store.models.orders import Order, OrderLine

    return Order(marketplace="amazon.com", order_no=no, ordered_at=when, currency="USD",
                 status="Shipped", lines=[
                     OrderLine(line_no=i, sku=sku, quantity=q, amount_amount=Decimal(amount),
                               amount_currency="USD", product_id=product)
                     for i, (sku, q, amount, product) in enumerate(lines, 1)], **kw)


def test_each_order_shows_its_columns_and_lines_without_reading_the_buyer(desk, monkeypatch):
    from seller_desk.store import crypto

    with desk.write() as s:
        s.add_all([
            _order("113-1", dt.datetime(2025, 3, 1, 8), [("MUG", 2, "25.00", None),
                                                         ("LAMP", 1, "12.50", None)],
                   consignee_name="Jane Doe"),
            _order("113-2", dt.datetime(2025, 3, 2, 9), [], consignee_name="John Roe"),
            _order("113-3", None, [("MUG", 3, "7.5", None)]),
        ])
    decrypted: list[str] = []
    real = crypto.decrypt
    monkeypatch.setattr(crypto, "decrypt", lambda token: decrypted.append(token) or real(token))

    first = desk.orders.orders_page(PageRequest(limit=2))
    rest = desk.orders.orders_page(PageRequest(limit=2).next(first.after))
    assert first.more and not rest.more
    shown = [{k: r[k] for k in ("order_id", "date", "skus", "quantity", "product_sales",
                                "mapped", "status", "currency", "marketplace")}
             for r in first.rows + rest.rows]
    assert shown == [  # newest first, the order without a date last
        {"order_id": "113-2", "date": "2025-03-02", "skus": "", "quantity": 0,
         "product_sales": "0.00", "mapped": True, "status": "Shipped", "currency": "USD",
         "marketplace": "amazon.com"},
        {"order_id": "113-1", "date": "2025-03-01", "skus": "MUG, LAMP", "quantity": 3,
         "product_sales": "37.50", "mapped": False, "status": "Shipped", "currency": "USD",
         "marketplace": "amazon.com"},
        {"order_id": "113-3", "date": "", "skus": "MUG", "quantity": 3,
         "product_sales": "7.50", "mapped": False, "status": "Shipped", "currency": "USD",
         "marketplace": "amazon.com"},
    ]
    assert decrypted == []  # the buyers' names stay encrypted: the list does not show them
