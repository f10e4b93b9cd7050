"""Amazon Date Range transaction report (research/report-formats.md §2).

Comma-separated, every field quoted, one line per transaction with the money split over
columns. A preamble of any length sits above the header (found by content); headers are matched
case-insensitively and may be English (US/UK/CA/AU) or German, French, Italian, Spanish or
Japanese; ``date/time`` carries a zone abbreviation (``PST``/``PDT`` switch inside a US file,
``BST``, ``UTC``, ``JST``) and en-GB writes ``Sept``. Numbers are read in one convention per file
(``1,052.64`` / ``1.249,00`` / ``1 234,50``), decided from the ``total`` column.

Records: an :class:`~seller_desk.core.orders.Order` per marketplace order (its lines from the
order rows) and an :class:`~seller_desk.core.orders.OrderEvent` for every row (refunds, fees,
transfers and adjustments as their own records; an order's own rows are in ``order.events``).
"""

from __future__ import annotations

import datetime as dt
import marshal
import re
from collections import Counter
from collections.abc import Callable, Iterable
from decimal import Decimal
from hashlib import blake2b
from operator import itemgetter
from pathlib import Path
from typing import Any

from seller_desk.core import fields
from seller_desk.core.money import Money, MoneyError, is_currency, parse_decimal
from seller_desk.core.orders import EventKind, Order, OrderEvent, OrderLine
from seller_desk.core.problems import Problem
from seller_desk.io.cells import RecordGuard
from seller_desk.io.readers import Progress, Reader, ReadResult, register
from seller_desk.io.readers._staging import StagedRecords
from seller_desk.io.report_dates import DateError, quick_micros, stamp_at, utc_micros
from seller_desk.io.tabular import StreamedTable, Table, TableError, read_table, stream_table
from seller_desk.store.bulk import gc_paused

#: canonical column → header texts (lower case) in English and the localised Seller Centrals.
ALIASES: dict[str, tuple[str, ...]] = {
    "date": ("date/time", "datum/uhrzeit", "date/heure", "data/ora:", "data/ora", "fecha y hora",
             "fecha/hora", "日付/時間"),
    "settlement_id": ("settlement id", "abrechnungsnummer", "numéro de versement",
                      "numero pagamento", "identificador de pago", "id. de liquidación", "決済番号"),
    "type": ("type", "typ", "tipo", "トランザクションの種類"),
    "order_id": ("order id", "bestellnummer", "numéro de la commande", "numero ordine",
                 "número de pedido", "id. del pedido", "注文番号"),
    "sku": ("sku",),
    "description": ("description", "beschreibung", "descrizione", "descripción", "説明"),
    "quantity": ("quantity", "menge", "quantité", "quantità", "cantidad", "数量"),
    "marketplace": ("marketplace", "web de amazon", "amazon 出品サービス"),
    "fulfillment": ("fulfillment", "fulfilment", "versand", "traitement", "gestione",
                    "gestión logística", "フルフィルメント"),
    "city": ("order city", "ort der bestellung", "ville d'où provient la commande", "市町村"),
    "state": ("order state", "bundesland", "région d'où provient la commande", "都道府県"),
    "postal": ("order postal", "postleitzahl", "code postal de la commande", "郵便番号"),
    "status": ("transaction status",),
    "release_date": ("transaction release date",),
}
#: money columns (canonical → aliases); ``total`` is their sum.
MONEY: dict[str, tuple[str, ...]] = {
    "product_sales": ("product sales", "umsätze", "ventes de produits", "vendite",
                      "ventas de productos", "商品売上"),
    "product_sales_tax": ("product sales tax", "produktumsatzsteuer",
                          "taxes sur la vente des produits", "商品の売上税"),
    "sales_tax_collected": ("sales tax collected",),
    "marketplace_facilitator_tax": ("marketplace facilitator tax",),
    "shipping_credits": ("shipping credits", "postage credits", "gutschrift für versandkosten",
                         "crédits d'expédition", "配送料"),
    "shipping_credits_tax": ("shipping credits tax", "postage credits tax",
                             "steuer auf versandgutschrift", "taxe sur les crédits d’expédition",
                             "taxe sur les crédits d'expédition", "配送料の税金"),
    "gift_wrap_credits": ("gift wrap credits", "gutschrift für geschenkverpackung",
                          "crédits sur l'emballage cadeau", "ギフト包装手数料"),
    "giftwrap_credits_tax": ("giftwrap credits tax", "gift wrap credits tax",
                             "steuer auf geschenkverpackungsgutschriften",
                             "taxes sur les crédits cadeaux", "ギフト包装クレジットの税金"),
    "regulatory_fee": ("regulatory fee",),
    "regulatory_fee_tax": ("tax on regulatory fee",),
    "amazon_points": ("amazonポイントの費用",),
    "promotional_rebates": ("promotional rebates", "rabatte aus werbeaktionen",
                            "rabais promotionnels", "プロモーション割引額"),
    "promotional_rebates_tax": ("promotional rebates tax", "steuer auf aktionsrabatte",
                                "taxes sur les remises promotionnelles", "プロモーション割引の税金"),
    "marketplace_withheld_tax": ("marketplace withheld tax", "einbehaltene steuer auf marketplace",
                                 "taxes retenues sur le site de vente",
                                 "源泉徴収税を伴うマーケットプレイス"),
    "selling_fees": ("selling fees", "verkaufsgebühren", "frais de vente",
                     "commissioni di vendita", "tarifas de venta", "手数料"),
    "fba_fees": ("fba fees", "gebühren zu versand durch amazon", "frais expédié par amazon",
                 "costi del servizio logistica di amazon", "tarifas de logística de amazon",
                 "fba 手数料"),
    "other_transaction_fees": ("other transaction fees", "andere transaktionsgebühren",
                               "autres frais de transaction",
                               "altri costi relativi alle transazioni",
                               "tarifas de otras transacciones",
                               "トランザクションに関するその他の手数料"),
    "other": ("other", "andere", "autre", "altro", "otro", "その他"),
    "total": ("total", "gesamt", "totale", "合計"),
}
REQUIRED = ("date", "type", "order_id", "total")

#: the report's transaction type words → kind
TYPES: dict[str, EventKind] = {
    **dict.fromkeys(("order", "bestellung", "commande", "ordine", "pedido", "注文"), EventKind.ORDER),
    **dict.fromkeys(("refund", "erstattung", "remboursement", "rimborso", "reembolso", "返金"),
                    EventKind.REFUND),
    **dict.fromkeys(("transfer", "übertrag", "transfert", "trasferimento", "transferir", "振込み"),
                    EventKind.TRANSFER),
    **dict.fromkeys(("adjustment", "anpassung", "ajustement", "modifica", "ajuste", "調整"),
                    EventKind.ADJUSTMENT),
}
MARKETPLACE_CURRENCY = {
    "amazon.com": "USD", "amazon.ca": "CAD", "amazon.com.mx": "MXN", "amazon.com.br": "BRL",
    "amazon.co.uk": "GBP", "amazon.de": "EUR", "amazon.fr": "EUR", "amazon.it": "EUR",
    "amazon.es": "EUR", "amazon.nl": "EUR", "amazon.com.be": "EUR", "amazon.ie": "EUR",
    "amazon.se": "SEK", "amazon.pl": "PLN", "amazon.com.tr": "TRY", "amazon.co.jp": "JPY",
    "amazon.com.au": "AUD", "amazon.sg": "SGD", "amazon.in": "INR", "amazon.ae": "AED",
    "amazon.sa": "SAR",
}
MARKETPLACE_COUNTRY = {
    "amazon.com": "US", "amazon.ca": "CA", "amazon.com.mx": "MX", "amazon.com.br": "BR",
    "amazon.co.uk": "GB", "amazon.de": "DE", "amazon.fr": "FR", "amazon.it": "IT",
    "amazon.es": "ES", "amazon.nl": "NL", "amazon.com.be": "BE", "amazon.ie": "IE",
    "amazon.se": "SE", "amazon.pl": "PL", "amazon.com.tr": "TR", "amazon.co.jp": "JP",
    "amazon.com.au": "AU", "amazon.sg": "SG", "amazon.in": "IN", "amazon.ae": "AE",
    "amazon.sa": "SA",
}
_PREAMBLE_CURRENCY = re.compile(r"\b(?:in|en|em)\s+([A-Z]{3})\b")


def _norm(text: str) -> str:
    return " ".join(text.strip().lstrip("\ufeff").lower().split())


def _mapping(header: list[str]) -> dict[str, int]:
    """canonical name → column index (first match wins)."""
    cells = [_norm(h) for h in header]
    out: dict[str, int] = {}
    for canon, aliases in {**ALIASES, **MONEY}.items():
        for i, cell in enumerate(cells):
            if cell in aliases and i not in out.values():
                out[canon] = i
                break
    return out


#: every header text :func:`_mapping` knows, and how many columns a header maps at least
_KNOWN = frozenset(a for aliases in (*ALIASES.values(), *MONEY.values()) for a in aliases)
_HEADER_NEEDS = len({*REQUIRED, "product_sales"})


def _is_header(cells: list[str]) -> bool:
    # each canonical name takes a column of its own: a row with fewer known texts than the
    # header needs is none (most rows looked at, when detection tries this reader on others'
    # files: the whole mapping of each of their head rows was ~20 ms a file)
    if sum(_norm(c) in _KNOWN for c in cells) < _HEADER_NEEDS:
        return False
    m = _mapping(list(cells))
    return all(k in m for k in REQUIRED) and "product_sales" in m


class LocaleVote:
    """The number convention of a file's ``total`` cells, counted as they go by (each distinct
    text looked at once per 10,000 distinct): :meth:`result` is what :func:`number_locale`
    gives for the same texts."""

    def __init__(self) -> None:
        self.comma = self.dot = self.space = 0
        self.seen: Counter[str] = Counter()

    def add(self, text: str) -> None:
        seen = self.seen
        seen[text] += 1
        if len(seen) >= 10_000:
            self._look()

    def tidy(self) -> None:
        """Look at the texts counted so far when they are many (for a caller that adds to
        ``seen`` itself and calls this now and then)."""
        if len(self.seen) >= 10_000:
            self._look()

    def _look(self) -> None:
        for t, n in self.seen.items():
            t = t.strip()
            if _COMMA_END.search(t):
                self.comma += n
            elif _DOT_END.search(t):
                self.dot += n
            if _SPACE_GROUP.search(t):
                self.space += n
        self.seen.clear()

    def result(self) -> str | None:
        self._look()
        if self.comma > self.dot:
            return "fr_FR" if self.space else "de_DE"
        return None


_COMMA_END = re.compile(r"\d,\d{1,2}$")
_DOT_END = re.compile(r"\d\.\d{1,2}$")
_SPACE_GROUP = re.compile(r"\d[\u202f\u00a0 ]\d{3}")

#: rows whose ``total`` cells decide a big file's number convention before the one pass over
#: it; the pass counts every row's and reads the file again in the rare file the rest decides
#: otherwise
LOCALE_SAMPLE = 5000


def number_locale(texts: Iterable[str]) -> str | None:
    """The file's number convention from its ``total`` cells, decided once per file."""
    vote = LocaleVote()
    for t in texts:
        vote.add(t)
    return vote.result()


def _kind(type_text: str) -> EventKind:
    t = _norm(type_text)
    if t in TYPES:
        return TYPES[t]
    if any(w in t for w in ("fee", "gebühr", "frais", "commission", "tarifa", "手数料")):
        return EventKind.FEE
    return EventKind.OTHER


@register
class AmazonDateRange(Reader):
    name = "amazon-date-range"
    label = "Amazon date range transaction report"
    area = "orders"
    suffixes = (".csv", ".txt")

    def detect(self, path: Path) -> str | None:
        path = Path(path)
        big = path.is_file() and path.stat().st_size >= STAGE_BYTES
        found = (stream_table(path, _is_header) if big else None) or read_table(path, _is_header)
        return None if found is not None else "no date/time … total header"

    def read(
        self, path: Path, *, progress: Progress | None = None, options: dict[str, Any] | None = None
    ) -> ReadResult:
        # a read makes a few hundred thousand tuples and strings holding no cycles (reference
        # counting frees them): the cyclic collector's passes over them are skipped (measured
        # on a quiet machine: ~0.04 s, 3% of a 100k-row read)
        with gc_paused():
            return self._read_file(Path(path), progress, options)

    def _read_file(self, path: Path, progress: Progress | None,
                   options: dict[str, Any] | None) -> ReadResult:
        options = options or {}
        result = ReadResult(reader=self.name, area=self.area)
        stage = options.get("stage")
        if stage is None:  # a big file streams (and its records wait on disk), a small one not
            stage = path.stat().st_size >= STAGE_BYTES if path.is_file() else False
        streamed = stream_table(path, _is_header) if stage else None
        if streamed is not None:
            size = max(path.stat().st_size, 1)
            memory = options.get("stage_memory")
            if memory is None:
                memory = size < MEMORY_BYTES
            per_row = max(len("".join(",".join(r) for r in streamed.head)) //
                          max(len(streamed.head), 1), 1)
            return _read(streamed, streamed.head, streamed.header_index, streamed.body, result,
                         options, progress, lambda i: min(i * per_row / size, 0.99), staged=True,
                         memory=bool(memory))
        try:
            table = read_table(path, _is_header)
        except TableError as exc:
            result.problems.append(exc.problem)
            return result
        if table is None:
            result.problems.append(
                Problem(key="io.required_column_missing", params={"column": "date/time"})
            )
            return result
        h = table.header_index(_is_header)
        assert h is not None
        n = max(len(table.rows), 1)
        return _read(table, table.rows[:h + 1], h,
                     lambda: enumerate(table.rows[h + 1:], start=h + 1), result, options,
                     progress, lambda i: i / n)


#: entries each parse cache of a read keeps at most (then it starts again)
CACHE_SIZE = 20_000

#: from this size a report is read as a stream and its records kept on disk until written
STAGE_BYTES = 8 * 1024 * 1024
#: below this size (about 140,000 rows) a streamed report's staged rows are kept in memory
#: (tens of MB) rather than written to a scratch file and read back; option ``stage_memory``
#: decides instead when given
MEMORY_BYTES = 40 * 1024 * 1024


class _Collect:
    """The rows of a small file, in memory: each order's rows (wherever they are in the file)
    in the order of its first row, then the other rows; :meth:`records` makes the records.
    An order's row comes as ``(row number, the rest of its staged row)``, as it is staged."""

    def __init__(self) -> None:
        self.orders: dict[tuple[str, str], list[tuple[Any, ...]]] = {}
        self.events: list[tuple[Any, ...]] = []

    def add_order_row(self, market: str, order_no: str, row: tuple[Any, ...],
                      keep: bool = True) -> None:
        rows = self.orders.get((market, order_no))
        if rows is None:
            self.orders[(market, order_no)] = [row]
        else:
            rows.append(row)

    def add_event(self, row: tuple[Any, ...]) -> None:
        self.events.append(row)

    def records(self, make: _Rows) -> list[Any]:
        out: list[Any] = [make.order(m, no, [(n, *t) for n, t in rows])
                          for (m, no), rows in self.orders.items()]
        out.extend(make.event(row) for row in self.events)
        return out


#: the version of how a staged row becomes records (:class:`_Rows`): change it with any change
#: there, so the cells' digests stored by an older version are not taken for this one's
RECORDS_VERSION = 1

#: the place of each field in a staged row (a tuple of plain values, see :class:`_Rows`);
#: an order's row leaves its marketplace and order number out (its order says them)
(ROW, KIND, MARKET, ORDER_NO, DATE_TEXT, MICROS, DESCRIPTION, SKU, QUANTITY, SETTLEMENT,
 STATUS, TYPE_TEXT, CURRENCY, MONEY_TEXTS, FULFILLMENT) = range(15)
#: the kinds by their number in a staged row
_KINDS = list(EventKind)
_KIND_NUMBER = {k: n for n, k in enumerate(_KINDS)}
_KIND_VALUES = [k.value for k in _KINDS]
#: the epoch of ``utc_micros`` counts without its zone (UTC)
_NAIVE_EPOCH = dt.datetime(1970, 1, 1)
#: between a row's money cells in a staged row (a control character: no cleaned cell has it)
_SEP = "\x1f"
#: an order's run as staged (see :meth:`_Rows.pack`): (row numbers, SKUs, the rest of its rows
#: marshalled in format 2); of a run of one row its number and SKU alone
Packed = tuple[int | tuple[int, ...], str | tuple[str, ...], bytes]


class _Rows:
    """A staged row of this report (plain values, cheap to keep and to stage) → its records:
    exactly the records the row's cells give, as they were checked when it was read (the
    file's number convention; the money cells from ``cache``, by currency and cells, else
    through ``money``)."""

    def __init__(self, money: Callable[[str, str], tuple[dict[str, Money], Money, Decimal]],
                 cache: dict[tuple[str, str], tuple[dict[str, Money], Money, Decimal]],
                 locale: str | None = None):
        self.money = money
        self.cache = cache
        self._zeros: dict[str, Money] = {}
        #: (event parts as amount texts, line amount, total) by money cells, for
        #: :meth:`plain_order`; bounded
        self._strparts: dict[tuple[str, str], tuple[dict[str, str], Decimal, Decimal, str]] = {}
        # what besides an order's rows its record comes from: this code (its version) and the
        # file's number convention (the money cells are parsed in it)
        self._salt = marshal.dumps((RECORDS_VERSION, AmazonDateRange.name, locale), 2)

    def digest(self, market: str, order_no: str, rows: list[tuple[Any, ...]] | Packed) -> str:
        """One value for the record :meth:`order` makes of ``rows`` (their places in the file
        left out: no record field holds them). Marshal format 2 has no back-references, so
        equal rows give equal bytes (a packed run's, :meth:`pack`, are those bytes)."""
        if type(rows) is tuple:
            return blake2b(self._salt + rows[2], digest_size=16).hexdigest()
        return blake2b(self._salt + marshal.dumps([t[1:] for t in rows], 2),
                       digest_size=16).hexdigest()

    @staticmethod
    def line_keys(market: str, rows: list[tuple[Any, ...]] | Packed
                  ) -> set[tuple[str, str, str]]:
        """(marketplace, store, SKU) of the lines :meth:`order` makes of ``rows`` (with an SKU)."""
        if type(rows) is tuple:
            skus = rows[1]
            if type(skus) is str:
                return {(market, "", skus)} if skus else set()
            return {(market, "", sku) for sku in skus if sku}
        return {(market, "", t[SKU]) for t in rows if t[SKU]}

    # -- an order's run as it is staged ---------------------------------------------------------
    def pack(self, run: list[tuple[int, tuple[Any, ...]]]) -> Packed:
        """An order's run of ``(row number, the rest of its staged row)`` as staged: (the row
        numbers, the SKUs, the rest of the rows marshalled in format 2). :meth:`digest` is of
        those very bytes (the rows without their row numbers: what it always digested) and
        :meth:`line_keys` of the SKUs, so an unchanged order is known on a re-import without
        its rows being loaded again."""
        if len(run) == 1:  # most orders: one row (its number and SKU as they are)
            n, t = run[0]
            return (n, t[SKU - 1], marshal.dumps([t], 2))
        rest = [t for _, t in run]
        return (tuple([n for n, _ in run]), tuple({t[SKU - 1] for t in rest}),
                marshal.dumps(rest, 2))

    def join(self, parts: list[Packed]) -> Packed:
        """The packed runs of one order (in file order) as one."""
        return self.pack([(t[0], t[1:]) for p in parts for t in self.unpack(p)])

    @staticmethod
    def unpack(rows: list[tuple[Any, ...]] | Packed) -> list[tuple[Any, ...]]:
        """The staged rows (row number first) of a packed run; ``rows`` when not packed."""
        if type(rows) is not tuple:
            return rows  # type: ignore[return-value]
        nums = rows[0]
        return [(n, *t) for n, t in zip((nums,) if type(nums) is int else nums,
                                        marshal.loads(rows[2]), strict=True)]

    def event(self, t: tuple[Any, ...], market: str | None = None,
              order_no: str | None = None) -> OrderEvent:
        (row, kind, own_market, own_order_no, date_text, micros, description, sku, quantity,
         settlement, status, type_text, currency, money_texts, _) = t
        found = self.cache.get((currency, money_texts)) or self.money(currency, money_texts)
        return OrderEvent(
            kind=_KINDS[kind], marketplace=own_market if market is None else market,
            order_id=own_order_no if order_no is None else order_no,
            when=stamp_at(micros, date_text), description=description, total=found[1],
            parts=dict(found[0]),  # each event its own dict
            sku=sku, quantity=quantity, settlement_id=settlement, status=status,
            type_text=type_text, row=row)

    def plain_event(self, t: tuple[Any, ...]) -> tuple[Any, ...]:
        """What :meth:`event` makes of a row of no order, as the plain tuple
        :meth:`plain_order` gives an order's events in (no record made): (kind, marketplace,
        order id, at (naive UTC), its text, description, sku, quantity, total amount, total
        currency, parts {name: amount text}, settlement id, status, type text). The same
        cells and cached amounts as :meth:`event`; tested equal to it."""
        (_, kind, market, order_no, date_text, micros, description, sku, quantity,
         settlement, status, type_text, currency, money_texts, _) = t
        found = self.cache.get((currency, money_texts)) or self.money(currency, money_texts)
        return (_KIND_VALUES[kind], market, order_no, self._naive(micros), date_text,
                description, sku, quantity, found[1].amount, found[1].currency,
                {k: str(v.amount) for k, v in found[0].items()}, settlement, status, type_text)

    @staticmethod
    def _naive(micros: int) -> dt.datetime:
        """``stamp_at(micros, …).utc`` without its zone (the same instant: tested equal)."""
        return _NAIVE_EPOCH + dt.timedelta(microseconds=micros)

    def plain_order(self, market: str, order_no: str, rows: list[tuple[Any, ...]] | Packed
                    ) -> tuple[tuple[Any, ...], list[tuple[Any, ...]], list[tuple[Any, ...]]]:
        """What :meth:`order` makes of ``rows``, as plain tuples (no record objects), for an
        order written new: ``(head, lines, events)``

        - head: (currency, ordered_at (naive UTC), its text, status, fulfillment,
          buyer_country, store, consignee_name, tracking_no, source) — the record's fields;
        - lines: (sku, title, quantity, amount, currency, item_id) — its lines';
        - events: (kind, marketplace, order id, at (naive UTC), its text, description, sku,
          quantity, total amount, total currency, parts {name: amount text}, settlement id,
          status, type text) — its events' (``OrderEvent.key`` and the stored row's values).

        The same cells and the same cached amounts as :meth:`order`; tested equal to it."""
        # the rows without their numbers (no field here holds them): a packed run's as staged
        rest: list[tuple[Any, ...]] = (
            marshal.loads(rows[2]) if type(rows) is tuple else [t[1:] for t in rows])
        cache, money = self.cache, self.money
        strparts = self._strparts
        naive = self._naive
        kinds = _KIND_VALUES
        lines: list[tuple[Any, ...]] = []
        events: list[tuple[Any, ...]] = []
        for (kind, _, _, date_text, micros, description, sku, quantity, settlement, status,
             type_text, currency, money_texts, _) in rest:
            # (parts as amount texts, the line's amount, total amount, total currency) of
            # the money cells (the same cells always parse the same)
            entry = strparts.get((currency, money_texts))
            if entry is None:
                found = cache.get((currency, money_texts)) or money(currency, money_texts)
                sales = found[0].get("product_sales")
                if sales is None:
                    sales = self._zeros.get(currency)
                    if sales is None:
                        sales = self._zeros[currency] = Money.zero(currency)
                if len(strparts) > CACHE_SIZE:
                    strparts.clear()
                entry = strparts[(currency, money_texts)] = (
                    {k: str(v.amount) for k, v in found[0].items()}, sales.amount,
                    found[1].amount, found[1].currency)
            at = naive(micros)
            lines.append((sku, description, quantity or 0, entry[1], currency, ""))
            # (the parts' dict shared by the events of the same cells: only read after)
            events.append((kinds[kind], market, order_no, at, date_text, description, sku,
                           quantity, entry[2], entry[3], entry[0], settlement, status,
                           type_text))
        t = rest[0]  # (without its row number: each place one less)
        first = events[0]
        head = (t[CURRENCY - 1], first[3], first[4], t[STATUS - 1], t[FULFILLMENT - 1],
                MARKETPLACE_COUNTRY.get(market, ""), "", "", "", AmazonDateRange.name)
        return head, lines, events

    def order(self, market: str, order_no: str, rows: list[tuple[Any, ...]] | Packed) -> Order:
        rows = self.unpack(rows)
        event = self.event
        first = event(rows[0], market, order_no)
        t = rows[0]
        order = Order(marketplace=market, order_id=order_no, currency=t[CURRENCY],
                      when=first.when, status=t[STATUS], fulfillment=t[FULFILLMENT],
                      buyer_country=MARKETPLACE_COUNTRY.get(market, ""),
                      source=AmazonDateRange.name)
        lines, events = order.lines, order.events
        for t in rows:
            ev = event(t, market, order_no) if lines else first
            sales = ev.parts.get("product_sales")
            if sales is None:
                currency = t[CURRENCY]
                sales = self._zeros.get(currency)
                if sales is None:
                    sales = self._zeros[currency] = Money.zero(currency)
            lines.append(OrderLine(sku=ev.sku, title=ev.description, quantity=ev.quantity or 0,
                                   amount=sales, row=t[ROW]))
            events.append(ev)
        return order


def _read(table: Table | StreamedTable, head: list[list[str]], h: int,
          body: Callable[[], Iterable[tuple[int, list[str]]]], result: ReadResult,
          options: dict[str, Any], progress: Progress | None = None,
          done: Callable[[int], float] = lambda i: 0.0, *, staged: bool = False,
          memory: bool = False, known_locale: tuple[str | None] | None = None) -> ReadResult:
    header = head[h]
    cols = _mapping(header)
    problems = result.problems

    def rows() -> Iterable[tuple[int, list[str]]]:  # a pass over the data rows (not blank)
        return ((i, r) for i, r in body() if "".join(r).strip())

    def cell(row: list[str], canon: str) -> str:
        i = cols.get(canon)
        return row[i].strip() if i is not None and i < len(row) else ""

    locale = options.get("locale")
    vote: LocaleVote | None = None  # counts every row's total when the first rows decided
    if known_locale is not None:
        locale = known_locale[0]
    elif not locale:
        # decided from the first rows, counted over all of them in the pass below: a file the
        # rest decides otherwise is read again with what the whole file says
        first = LocaleVote()
        sample = rows()
        whole_file = True
        for n, (_, r) in enumerate(sample, start=1):
            first.add(cell(r, "total"))
            if n >= LOCALE_SAMPLE:
                whole_file = False
                break
        close = getattr(sample, "close", None)
        if close is not None:
            close()
        locale = first.result()
        if not whole_file:
            vote = LocaleVote()
    preamble = " ".join(" ".join(r) for r in head[:h])
    file_currency = options.get("currency")
    if not file_currency:
        m = _PREAMBLE_CURRENCY.search(preamble)
        if m and is_currency(m.group(1)):
            file_currency = m.group(1)
    if not file_currency:
        seen = Counter(
            MARKETPLACE_CURRENCY.get(cell(r, "marketplace").lower()) for _, r in rows()
        )
        seen.pop(None, None)
        if seen:
            file_currency = seen.most_common(1)[0][0]
    if not file_currency:
        problems.append(Problem(key="orders.currency_unknown", params={"file": table.path.name}))
        return result
    result.meta.update(encoding=table.encoding, locale=locale, currency=file_currency,
                       preamble_lines=h, header=[header[i] for i in sorted(cols.values())])
    slash_order = options.get("slash_order", "mdy")
    problems_before = len(problems)

    totals: dict[str, Decimal] = {}
    # a file repeats the same few amounts ("0", fees), dates, quantities and types a lot: each
    # text is parsed and checked once (Money is immutable, so shared); every cache is emptied
    # when it grows past CACHE_SIZE, so memory stays flat on a file of all-different texts
    parsed: dict[tuple[str, str], tuple[Money, Problem | None, bool]] = {}
    micros: dict[str, int | None] = {}
    kinds: dict[str, EventKind] = {}
    quantities: dict[tuple[str, bool], tuple[int | None, Problem | None]] = {}
    # the money cells of a row, as a whole (most rows repeat another row's amounts): their
    # parts without zeros, total, and the parts' sum; only rows whose amounts all passed
    money_rows: dict[tuple[str, tuple[str, ...]], tuple[dict[str, Money], Money, Decimal]] = {}

    def amount(text: str, currency: str) -> tuple[Money, Problem | None, bool]:
        """The amount of ``text``, the problem of its range (None when it fits), and whether
        it is zero."""
        found = parsed.get((text, currency))
        if found is None:
            if len(parsed) > CACHE_SIZE:
                parsed.clear()
            money = Money(parse_decimal(text, locale=locale), currency)
            found = parsed[(text, currency)] = (money, fields.MONEY.check(money.amount),
                                                money.is_zero)
        return found

    zeros: dict[str, Money] = {}

    def zero(currency: str) -> Money:
        found = zeros.get(currency)
        if found is None:
            found = zeros[currency] = Money.zero(currency)
        return found

    # the money columns this file has, with their places: (name, index, header text)
    money_cols = [(canon, cols[canon], header[cols[canon]]) for canon in MONEY if canon in cols]

    def micros_of(text: str) -> int | None:
        """The instant of a date text (microseconds, see ``utc_micros``); None when bad."""
        if len(micros) > CACHE_SIZE:
            micros.clear()
        try:
            found: int | None = utc_micros(text, slash_order=slash_order)
        except DateError:
            found = None
        micros[text] = found
        return found

    def kind_of(text: str) -> EventKind:
        if len(kinds) > CACHE_SIZE:
            kinds.clear()
        found = kinds[text] = _kind(text)
        return found

    def quantity_of(text: str, sale: bool) -> tuple[int | None, Problem | None]:
        """(quantity, problem of its range) of a whole-number text; (None, None) else."""
        found = quantities.get((text, sale))
        if found is None:
            if len(quantities) > CACHE_SIZE:
                quantities.clear()
            if re.fullmatch(r"-?\d+", text):
                value = int(text)
                found = (value, (fields.SALE_QUANTITY if sale else fields.QUANTITY).check(value))
            else:
                found = (None, None)
            quantities[(text, sale)] = found
        return found

    def money_of(texts: tuple[str, ...], i: int | None, currency: str,
                 row_problems: list[Problem]) -> tuple[dict[str, Money], Money, Decimal] | None:
        """The parts (zeros left out), total and the parts' sum of a row's money cells
        ``texts`` (in ``money_cols`` order); None with its problems added to ``row_problems``
        when an amount is bad."""
        parts: dict[str, Money] = {}
        bad = False
        for (canon, _, head_text), text in zip(money_cols, texts, strict=True):
            text = text.strip()
            if not text:
                continue
            try:
                value, out_of_range, is_zero = amount(text, currency)
            except MoneyError as exc:
                row_problems.append(exc.problem.at(table.source(i or 0, head_text, text)))
                bad = True
                continue
            if out_of_range is not None:  # the place is named only for a problem
                row_problems.append(out_of_range.at(table.source(i or 0, head_text, text)))
                bad = True
                continue
            if canon == "total" or not is_zero:  # zero columns are not kept
                parts[canon] = value
        if bad:
            return None
        found_total = parts.pop("total", None)
        total = zero(currency) if found_total is None else found_total
        return parts, total, sum((m.amount for m in parts.values()), Decimal(0))

    def money_again(currency: str, joined: str) -> tuple[dict[str, Money], Money, Decimal]:
        """:func:`money_of` of a row that passed (for its records, made later), its money
        cells joined by ``_SEP``."""
        found = money_rows.get((currency, joined))
        if found is None:
            found = money_of(tuple(joined.split(_SEP)), None, currency, [])
            assert found is not None, "a staged row's money passed when it was read"
        return found

    make = _Rows(money_again, money_rows, locale)
    guard = RecordGuard(problems) if staged else None
    sink: _Collect | StagedRecords = (StagedRecords(guard, rows=make, memory=memory) if staged
                                      else _Collect())
    # a row a cleaned cell refused (too long) is left out with its order, as the guard of
    # every reader's records leaves it (the checks the guard makes of each record are the
    # ones this reader already made of its cells, so it is not run again per record)
    bad_rows = guard.bad_rows if guard is not None else set()

    # the columns a row is read from, as one pick over the row padded to the last of them
    # plus an empty cell (where a column the file lacks points)
    width = max(cols.values()) + 1
    wanted = ("marketplace", "date", "quantity", "type", "order_id", "description", "sku",
              "settlement_id", "status", "fulfillment", "total")
    pick = itemgetter(*(cols.get(c, width) for c in wanted))
    money_at = [j for _, j, _ in money_cols]
    pick_money: Callable[[list[str]], tuple[str, ...]] = (
        itemgetter(*money_at) if len(money_at) > 1 else lambda r: (r[money_at[0]],))
    pad = [""] * (width + 1)
    date_column = header[cols["date"]]
    total_index = cols["total"]
    ORDER = EventKind.ORDER
    kind_number = _KIND_NUMBER

    # every column is there (most files): a row as long as the header is picked from as it is
    whole = all(c in cols for c in wanted)
    voted = vote.seen if vote is not None else None  # the vote's counts, added to inline
    strip = str.strip
    n = -1  # rows read (not blank)
    for i, row in body():
        if not "".join(row).strip():
            continue
        n += 1
        if n % 2000 == 0:
            if progress:
                progress(done(i), "")
            if vote is not None:
                vote.tidy()
        if whole and len(row) >= width:
            padded = row
        else:
            padded = row[:width]
            padded += pad[len(padded):]
        # every cell is read stripped
        (marketplace, date_text, qty_text, type_text, order_no, description, sku,
         settlement_no, status, fulfillment, total_text) = map(strip, pick(padded))
        if voted is not None:
            voted[total_text] = voted.get(total_text, 0) + 1
        row_problems: list[Problem] = []
        marketplace = marketplace.lower()
        currency = MARKETPLACE_CURRENCY.get(marketplace, file_currency)
        at = quick_micros(date_text)  # the commonest shape, read as it comes
        if at is None:
            at = micros[date_text] if date_text in micros else micros_of(date_text)
        if at is None:
            row_problems.append(Problem(key="io.bad_date", params={"value": date_text},
                                        source=table.source(i, date_column, date_text)))
        money_texts = pick_money(padded)
        money_key = (currency, _SEP.join(money_texts))
        money = money_rows.get(money_key)
        if money is None:
            money = money_of(money_texts, i, currency, row_problems)
            if money is not None:
                if len(money_rows) > CACHE_SIZE:
                    money_rows.clear()
                money_rows[money_key] = money
        quantity: int | None = None
        kind = kinds.get(type_text) or kind_of(type_text)
        if qty_text:
            quantity, out_of_range = (quantities.get((qty_text, kind is ORDER))
                                      or quantity_of(qty_text, kind is ORDER))
            if quantity is not None:
                if out_of_range is not None:
                    row_problems.append(out_of_range.at(
                        table.source(i, header[cols["quantity"]], qty_text)))
            else:
                row_problems.append(Problem(key="orders.bad_quantity", params={"value": qty_text},
                                            source=table.source(i, header[cols["quantity"]], qty_text)))
        if row_problems or money is None:
            problems.extend(row_problems)
            continue
        _, total, parts_sum = money
        if parts_sum != total.amount:
            problems.append(Problem(
                key="orders.row_total_mismatch", severity="warning",
                params={"total": str(total.amount), "sum": str(parts_sum)},
                source=table.source(i, header[total_index], total_text)))
        marketplace = marketplace or "amazon"
        totals[total.currency] = totals.get(total.currency, Decimal(0)) + total.amount
        if kind is ORDER and order_no:
            # (row number, the rest): the rest alone makes the order's digest (see _Rows.pack)
            sink.add_order_row(marketplace, order_no, (i + 1, (
                kind_number[kind], None, None, date_text, at, description, sku, quantity,
                settlement_no, status, type_text, currency, money_key[1], fulfillment)),
                not (bad_rows and i + 1 in bad_rows))
        elif not (bad_rows and i + 1 in bad_rows):
            sink.add_event((
                i + 1, kind_number[kind], marketplace, order_no, date_text, at, description, sku,
                quantity, settlement_no, status, type_text, currency, money_key[1], fulfillment))
    if vote is not None:
        whole = vote.result()
        if whole != locale:  # the first rows misled: read again as the whole file says
            if isinstance(sink, StagedRecords):
                sink.close()
            del problems[problems_before:]
            return _read(table, head, h, body, result, options, progress, done,
                         staged=staged, memory=memory, known_locale=(whole,))
    if isinstance(sink, StagedRecords):
        sink.finish()
        result.records = sink  # type: ignore[assignment]  # iterates like the list
    else:
        result.records.extend(sink.records(make))
    result.meta["total"] = {cur: str(v) for cur, v in totals.items()}
    if progress:
        progress(1.0, "")
    return result
