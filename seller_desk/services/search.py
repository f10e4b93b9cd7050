"""One search box: SKU, title, order id, declaration / list number, FX record, filing number,
document name. SQLite answers from the FTS5 index (:mod:`seller_desk.store.search_index`, kept
by triggers); PostgreSQL (team mode) from ILIKE queries over the same columns."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from sqlalchemy import or_, select, text

from seller_desk.store.search_index import TABLE

if TYPE_CHECKING:
    from seller_desk.desk import Desk

#: kind → the page (area) that opens it, in the order groups are shown
KIND_AREAS = {"product": "products", "order": "orders", "declaration": "orders", "fx": "fx",
              "filing": "filing", "document": "filing"}


_WILD = set("%_\\")


def _like(term: str) -> str:
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


class SearchService:
    def __init__(self, desk: Desk):
        self.desk = desk
        self._checked = False

    def _ensure_index(self) -> None:
        """Once per open file: put back triggers a later migration dropped (SQLite)."""
        if self._checked:
            return
        from seller_desk.store.search_index import missing_triggers, repair

        with self.desk.read() as s:
            if s.get_bind().dialect.name != "sqlite" or not missing_triggers(s):
                self._checked = True
                return
        with self.desk.write() as s:
            repair(s)
        self._checked = True

    def find(self, query: str, *, limit: int = 20) -> dict[str, Any]:
        """Records matching every word of ``query``, grouped by kind (at most ``limit`` each)."""
        words = [w for w in query.split() if w]
        if not words:
            return {"query": query, "groups": []}
        self._ensure_index()
        with self.desk.read() as s:
            if s.get_bind().dialect.name == "sqlite":
                hits = self._fts(s, words, limit)
            else:
                hits = self._ilike(s, words, limit)
            groups = []
            for kind in KIND_AREAS:
                refs = hits.get(kind)
                if refs:
                    groups.append({"kind": kind, "area": KIND_AREAS[kind],
                                   "items": self._describe(s, kind, refs[:limit])})
        return {"query": query, "groups": groups}

    @staticmethod
    def _fts(s: Any, words: list[str], limit: int) -> dict[str, list[int]]:
        # a LIKE with an ESCAPE clause is not handed to FTS5 (every row's body is read): the
        # clause only for a word holding a wildcard or the escape character itself, or too
        # short for the trigrams (SQLite 3.40's FTS5 finds nothing for a LIKE of 2 characters
        # of 3+ bytes, such as '%白色%', instead of reading every body)
        where = " AND ".join(f"body LIKE :w{i} ESCAPE '\\'" if _WILD & set(w) or len(w) < 3
                             else f"body LIKE :w{i}" for i, w in enumerate(words))
        rows = s.execute(text(f"SELECT kind, ref FROM {TABLE} WHERE {where} ORDER BY rowid"),
                         {f"w{i}": _like(w) for i, w in enumerate(words)}).all()
        out: dict[str, list[int]] = defaultdict(list)
        for kind, ref in rows:
            ref = int(ref)
            if ref not in out[kind] and len(out[kind]) < limit:
                out[kind].append(ref)
        return out

    @staticmethod
    def _ilike(s: Any, words: list[str], limit: int) -> dict[str, list[int]]:
        from seller_desk.store.models.catalog import Product
        from seller_desk.store.models.filing import Document, Filing
        from seller_desk.store.models.fx import FxRecord
        from seller_desk.store.models.orders import Declaration, Order, OrderLine

        specs = (
            ("product", Product.id, [Product.sku, Product.name_zh, Product.name_en,
                                     Product.declared_name, Product.barcode], None),
            ("order", Order.id, [Order.order_no, Order.marketplace, Order.store,
                                 Order.tracking_no], None),
            ("order", OrderLine.order_id, [OrderLine.sku, OrderLine.title, OrderLine.item_id],
             None),
            ("declaration", Declaration.id, [Declaration.cop_no, Declaration.invt_no,
                                             Declaration.pre_no, Declaration.entry_id,
                                             Declaration.order_no, Declaration.logistics_no],
             None),
            ("fx", FxRecord.id, [FxRecord.external_id, FxRecord.counterparty, FxRecord.person,
                                 FxRecord.evidence_text, FxRecord.note,
                                 FxRecord.declaration_ref], None),
            ("filing", Filing.id, [Filing.number, Filing.label, Filing.kind, Filing.authority,
                                   Filing.note], None),
            ("document", Document.id, [Document.original_name, Document.note], None),
        )
        out: dict[str, list[int]] = defaultdict(list)
        for kind, key, cols, _ in specs:
            q = select(key).distinct()
            for w in words:
                q = q.where(or_(*(c.ilike(_like(w), escape="\\") for c in cols)))
            for (ref,) in s.execute(q.order_by(key).limit(limit)):
                if ref not in out[kind]:
                    out[kind].append(int(ref))
        return out

    @staticmethod
    def _describe(s: Any, kind: str, refs: list[int]) -> list[dict[str, Any]]:
        """A label (what the record is called) and a detail line for each hit, in order."""
        from seller_desk.store.models.catalog import Product
        from seller_desk.store.models.filing import Document, Filing
        from seller_desk.store.models.fx import FxRecord
        from seller_desk.store.models.orders import Declaration, Order

        rows: dict[int, tuple[str, str]] = {}
        if kind == "product":
            for r in s.execute(select(Product.id, Product.sku, Product.name_zh,
                                      Product.name_en).where(Product.id.in_(refs))):
                rows[r.id] = (r.sku, r.name_zh or r.name_en or "")
        elif kind == "order":
            for r in s.execute(select(Order.id, Order.order_no, Order.marketplace,
                                      Order.ordered_at).where(Order.id.in_(refs))):
                rows[r.id] = (r.order_no, f"{r.marketplace} · "
                              f"{r.ordered_at.date().isoformat() if r.ordered_at else ''}")
        elif kind == "declaration":
            for r in s.execute(select(Declaration.id, Declaration.cop_no, Declaration.invt_no,
                                      Declaration.order_no, Declaration.ie_date,
                                      Declaration.status_code)
                               .where(Declaration.id.in_(refs))):
                rows[r.id] = (r.cop_no, " · ".join(x for x in (
                    r.invt_no, r.order_no, r.ie_date.isoformat(), r.status_code) if x))
        elif kind == "fx":
            for r in s.execute(select(FxRecord.id, FxRecord.date, FxRecord.kind,
                                      FxRecord.amount_amount, FxRecord.amount_currency,
                                      FxRecord.counterparty, FxRecord.external_id)
                               .where(FxRecord.id.in_(refs))):
                rows[r.id] = (f"#{r.id} {r.date.isoformat()} {r.kind}",
                              " · ".join(x for x in (
                                  f"{r.amount_currency} {r.amount_amount.normalize():f}",
                                  r.counterparty, r.external_id) if x))
        elif kind == "filing":
            for r in s.execute(select(Filing.id, Filing.kind, Filing.number, Filing.label,
                                      Filing.status).where(Filing.id.in_(refs))):
                rows[r.id] = (r.number or r.kind, " · ".join(x for x in (
                    r.kind, r.label, r.status) if x))
        elif kind == "document":
            for r in s.execute(select(Document.id, Document.original_name, Document.type)
                               .where(Document.id.in_(refs))):
                rows[r.id] = (r.original_name, r.type)
        return [{"kind": kind, "ref": ref, "label": rows[ref][0], "detail": rows[ref][1]}
                for ref in refs if ref in rows]
