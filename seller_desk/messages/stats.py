"""Messages of the statistics (Dashboard charts, ``seller-desk stats``) and of the search box."""

from seller_desk.i18n import QT_TRANSLATE_NOOP
from seller_desk.messages import register

register({
    "stats.missing_parity": QT_TRANSLATE_NOOP(
        "problems",
        "No central parity rate for {currency} on {days} order days of {month} ({first} to {last}): that month's sales in CNY are not totalled until the rates are entered on the FX page."),
    "stats.missing_usd_rate": QT_TRANSLATE_NOOP(
        "problems",
        "FX record {record} ({currency}, {month}) has no SAFE rate yet: it is not in the US dollar totals."),
    "stats.exemption_missing_rate": QT_TRANSLATE_NOOP(
        "problems",
        "{lines} export lines of {month} have no CNY rate: the month's exemption-list amount is not totalled."),
})
