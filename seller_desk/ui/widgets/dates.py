"""Between Python dates and Qt's: what every date editor of the pages converts through."""

from __future__ import annotations

import datetime as dt

from seller_desk.ui.qt import QDate


def qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(q: QDate) -> dt.date:
    return dt.date(q.year(), q.month(), q.day())
