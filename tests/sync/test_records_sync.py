"""Products (product filing), FX records with the 名录 registration, and tax exemption records
over sync, against the real platform on 127.0.0.1: what is pushed, the platform's checks,
the trainer's decision coming back, conflicts, and isolation between two sellers."""

from __future__ import annotations

import datetime as dt
import json
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import func, select

from seller_desk.core.money import Money
from seller_desk.core.products import ProductData
from seller_desk.services.fx import registration_uuid
from seller_desk.services.tax import ExportLineRecord
from seller_desk.store.models import OutboxItem, Product
from seller_desk.store.models.fx import FxRecord
from seller_desk.store.models.tax import TaxExportLine
from tests.sync.test_service_sync import connect

MUG = ProductData(sku="MUG-350-BLU", name_zh="不锈钢保温杯", name_en="Travel mug",
                  hs_code="9617001100", declared_name="保温杯", declared_unit="007",
                  legal_unit1="007", net_weight_kg=Decimal("0.3"), origin_country="CN",
                  unit_cost=Money.of("18.50", "CNY"))


def outbox(desk, entity):
    with desk.read() as s:
        return list(s.scalars(select(OutboxItem).where(OutboxItem.entity == entity)
                              .order_by(OutboxItem.id)))


def product_row(desk, pid):
    with desk.read() as s:
        return s.get(Product, pid)


def test_product_filing_pushed_rejected_with_reason_then_resubmitted(desk, running):
    view = desk.products.save(MUG)
    (item,) = outbox(desk, "product")
    assert item.payload["sku"] == "MUG-350-BLU" and item.payload["hs_code"] == "9617001100"
    assert item.payload["origin_country"] == "CHN" and item.payload["net_weight_kg"] == "0.3"
    assert "unit_cost" not in item.payload  # the platform's filing has no use for the cost
    connect(desk, running)
    report = desk.sync.run()
    assert (report.pushed, report.failed) == (2, 0), desk.sync.issues()  # profile + product
    assert product_row(desk, view.id).remote_status == "submitted"

    with running.http(running.trainer) as t:
        listed = t.get("/admin/products", params={"status": "submitted"}).json()
        assert [(p["seller_id"], p["uuid"], p["data"]["sku"]) for p in listed] == [
            (running.seller_id(0), view.uuid, "MUG-350-BLU")]
        assert t.post(f"/admin/sellers/{running.seller_id(0)}/products/{view.uuid}/reject",
                      json={"reason": ""}).status_code == 422  # a rejection needs a reason
        r = t.post(f"/admin/sellers/{running.seller_id(0)}/products/{view.uuid}/reject",
                   json={"reason": "HS编码与申报品名不符"})
        assert r.status_code == 200 and r.json()["remote_status"] == "rejected"
    report = desk.sync.run()
    assert report.pulled == 1
    detail = desk.products.get(view.id)
    assert (detail.remote_status, detail.remote_reason) == ("rejected", "HS编码与申报品名不符")
    assert detail.version == 1  # a platform status is not a local edit
    assert desk.sync.remote_status("product", view.uuid) == ("rejected", "HS编码与申报品名不符")

    # the seller corrects the declared name: resubmitted, the old reason goes
    desk.products.save(ProductData(**{**MUG.__dict__, "declared_name": "保温瓶"}),
                       product_id=view.id)
    assert desk.sync.run().pushed == 1
    detail = desk.products.get(view.id)
    assert (detail.remote_status, detail.remote_reason, detail.version) == ("submitted", None, 2)
    with running.http(running.trainer) as t:
        t.post(f"/admin/sellers/{running.seller_id(0)}/products/{view.uuid}/approve")
    assert desk.sync.run().pulled == 1
    assert desk.products.get(view.id).remote_status == "approved"


def test_trainer_reviews_product_filings_from_the_cli(desk, running, tmp_path, capsys):
    from seller_desk.sandbox.cli import main

    view = desk.products.save(MUG)
    connect(desk, running)
    desk.sync.run()
    db = ["--db", f"sqlite:///{tmp_path / 'platform.sqlite3'}"]
    klass = ["--class", str(running.klass["class_id"])]
    assert main(["products", "list", *klass, *db, "--status", "submitted", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(p["uuid"], p["remote_status"]) for p in listed] == [(view.uuid, "submitted")]
    assert main(["products", "reject", *klass, *db, str(running.seller_id(0)), view.uuid,
                 "--reason", "缺少原产地"]) == 0
    assert capsys.readouterr().out.strip() == f"{view.uuid}: rejected"
    desk.sync.run()
    assert desk.products.get(view.id).remote_reason == "缺少原产地"
    assert main(["products", "approve", *klass, *db, "999", view.uuid]) == 1  # not a student


def test_product_edited_on_both_sides_is_a_conflict_then_theirs_is_taken(desk, running):
    view = desk.products.save(MUG)
    connect(desk, running)
    desk.sync.run()
    (pushed,) = outbox(desk, "product")
    with running.http(running.token(0)) as h:  # another device of the seller edits it
        res = h.post("/batch", json={"items": [{
            "idempotency_key": "tablet-1", "entity": "product", "uuid": view.uuid,
            "base_version": 1, "data": {**pushed.payload, "declared_name": "真空保温杯"}}]})
        assert res.json()["results"][0]["status"] == "applied"
    desk.products.save(ProductData(**{**MUG.__dict__, "declared_name": "水杯"}),
                       product_id=view.id)
    assert desk.sync.run().conflicts == 1
    [issue] = desk.sync.issues("conflict")
    assert issue.entity == "product" and issue.entity_uuid == view.uuid
    assert (issue.payload["declared_name"], issue.server["data"]["declared_name"]) == (
        "水杯", "真空保温杯")
    assert desk.sync.can_take_theirs("product")
    desk.sync.take_theirs(issue.outbox_id)
    detail = desk.products.get(view.id)
    assert detail.data.declared_name == "真空保温杯" and detail.version == 2
    assert detail.data.unit_cost == Money.of("18.50", "CNY")  # never on the platform: kept
    assert desk.sync.status().pending == 0 and desk.sync.issues() == []
    # the next local edit is based on the platform's version 2: applied, no conflict
    desk.products.save(ProductData(**{**detail.data.__dict__, "brand": "Acme"}),
                       product_id=view.id)
    report = desk.sync.run()
    assert (report.pushed, report.conflicts) == (1, 0)
    with running.http(running.token(0)) as h:
        rec = h.get(f"/records/product/{view.uuid}").json()
    assert (rec["version"], rec["data"]["brand"], rec["data"]["declared_name"]) == (
        3, "Acme", "真空保温杯")


def test_fx_records_and_the_registration_sync(desk, running):
    desk.fx.today = lambda: dt.date(2024, 6, 30)
    desk.fx.set_rate("EUR", "2024-03", "1.0871")
    view, _ = desk.fx.add_record(date=dt.date(2024, 3, 5), kind="receipt", amount="1.234,50",
                                 currency="EUR", locale="de_DE", channel="worldfirst",
                                 counterparty="Amazon EU", note="my own note")
    desk.fx.set_registration(dt.date(2023, 11, 2))
    (item,) = outbox(desk, "fx_record")
    usd = Decimal("1234.50") * Decimal("1.0871")
    assert item.payload["amount"] == {"amount": "1234.50", "currency": "EUR"}
    assert Decimal(item.payload["usd_amount"]) == view.usd.amount
    assert view.usd.amount == usd.quantize(Decimal("0.01"), ROUND_HALF_UP)
    assert (item.payload["usd_rate"], item.payload["usd_batch"]) == ("1.0871", "202403")
    assert "person" not in item.payload and "note" not in item.payload
    company_uuid = desk.company.get().uuid
    (reg,) = outbox(desk, "fx_registration")
    assert reg.entity_uuid == registration_uuid(company_uuid)
    assert reg.payload == {"registered": True, "registered_on": "2023-11-02"}
    assert desk.fx.registered_on() == dt.date(2023, 11, 2)

    connect(desk, running)
    report = desk.sync.run()
    assert (report.pushed, report.failed) == (3, 0), desk.sync.issues()
    with desk.read() as s:
        row = s.scalars(select(FxRecord)).one()
        assert row.remote_status == "acknowledged"
    assert desk.fx.registration_status() == ("acknowledged", None)
    with running.http(running.token(0)) as h:
        (rec,) = h.get("/fx-records").json()["records"]
        assert rec["data"]["counterparty"] == "Amazon EU"
        (reg_rec,) = h.get("/fx-registrations").json()["records"]
        assert reg_rec["data"]["registered_on"] == "2023-11-02"
    with running.http(running.trainer) as t:  # the platform refuses the record with a reason
        t.post(f"/admin/sellers/{running.seller_id(0)}/records/fx_record/{row.uuid}/status",
               json={"status": "rejected", "reason": "缺少交易单证"})
    assert desk.sync.run().pulled == 1
    with desk.read() as s:
        row = s.get(FxRecord, view.id)
        assert (row.remote_status, row.remote_reason) == ("rejected", "缺少交易单证")

    # a new monthly rate changes the USD equivalent: the platform gets it
    desk.fx.set_rate("EUR", "2024-03", "1.0900")
    assert outbox(desk, "fx_record")[-1].payload["usd_amount"] == str(  # 1345.605, half up
        (Decimal("1234.50") * Decimal("1.0900")).quantize(Decimal("0.01"), ROUND_HALF_UP))
    desk.fx.delete_record(view.id)
    assert outbox(desk, "fx_record")[-1].op == "delete"
    assert desk.sync.run().pushed == 2
    with running.http(running.token(0)) as h:
        assert h.get(f"/records/fx_record/{row.uuid}").json()["deleted"] is True


def test_tax_export_lines_sync_once_per_change(desk, running):
    lines = [ExportLineRecord(source_ref=f"L{i}", export_date=dt.date(2024, 5, 3 + i),
                              goods_name="保温杯", unit="个", quantity=Decimal(2 + i),
                              unit_price=Money.of("9.99", "USD"),
                              amount=Money.of(str(Decimal("9.99") * (2 + i)), "USD"),
                              list_no=f"53142024E0000{i}", hs_code="9617001100",
                              customs_code="5314") for i in range(2)]
    desk.tax.upsert_export_lines(lines)
    items = outbox(desk, "tax_record")
    assert [(i.payload["source_ref"], i.payload["quantity"], i.payload["amount_amount"])
            for i in items] == [("L0", "2", "19.98"), ("L1", "3", "29.97")]
    assert items[0].payload["has_valid_invoice"] is False
    desk.tax.upsert_export_lines(lines)  # the same lines again: nothing new to send
    assert len(outbox(desk, "tax_record")) == 2
    with desk.read() as s:
        first = s.scalars(select(TaxExportLine).where(TaxExportLine.source_ref == "L0")).one()
    desk.tax.record_invoice(first.id, "No.0012345", dt.date(2024, 5, 20))
    last = outbox(desk, "tax_record")[-1]
    assert last.entity_uuid == first.uuid and last.version == 2
    assert last.payload["has_valid_invoice"] is True
    assert last.payload["invoices"] == [
        {"number": "No.0012345", "issued": "2024-05-20", "status": "valid"}]

    connect(desk, running)
    report = desk.sync.run()
    assert (report.pushed, report.failed) == (4, 0), desk.sync.issues()
    with desk.read() as s:
        assert set(s.scalars(select(TaxExportLine.remote_status))) == {"accepted"}
    with running.http(running.trainer) as t:
        t.post(f"/admin/sellers/{running.seller_id(0)}/records/tax_record/{first.uuid}/status",
               json={"status": "rejected", "reason": "出口日期与清单不符"})
    assert desk.sync.run().pulled == 1
    with desk.read() as s:
        row = s.get(TaxExportLine, first.id)
        assert (row.remote_status, row.remote_reason) == ("rejected", "出口日期与清单不符")


def test_platform_checks_these_kinds_with_the_core_rules(running):
    def item(key, entity, data):
        return {"idempotency_key": key, "entity": entity, "base_version": 0,
                "uuid": f"{key:0>8}-0000-4000-8000-000000000000", "data": data}

    bad = [
        item("p1", "product", {"sku": "A", "hs_code": "7700000000"}),  # chapter 77: reserved
        item("p2", "product", {"sku": "B", "declared_unit": "999", "origin_country": "XX",
                               "net_weight_kg": 0.25}),
        item("f1", "fx_record", {"date": "2024-03-05", "kind": "gift",
                                 "amount": {"amount": "-5", "currency": "USD"}}),
        item("f2", "fx_record", {"date": "2024-13-01", "kind": "receipt",
                                 "amount": {"amount": "12.5", "currency": "USX"}}),
        item("r1", "fx_registration", {"registered": True}),
        item("t1", "tax_record", {"export_date": "2024-05-03", "trade_mode": "0110",
                                  "hs_code": "96170011", "amount_amount": "1,0.0"}),
        item("ok", "fx_record", {"date": "2024-03-05", "kind": "settlement",
                                 "amount": {"amount": "100.00", "currency": "USD"},
                                 "usd_amount": "100.00"}),
    ]
    with running.http(running.token(0)) as h:
        res = h.post("/batch", json={"items": bad}).json()["results"]
    fields = [[(p["field"], p["key"]) for p in (r.get("problem") or {}).get("problems", [])]
              for r in res]
    assert fields[0] == [("hs_code", "products.hs.chapter_reserved")]
    assert fields[1] == [("declared_unit", "products.unit_unknown"),
                         ("origin_country", "products.country_unknown"),
                         ("net_weight_kg", "money.float_refused")]
    assert fields[2] == [("type", "fx.unknown_kind"), ("amount", "fx.amount_not_positive")]
    assert fields[3] == [("amount.currency", "money.unknown_currency"),
                         ("date", "io.bad_date")]
    assert fields[4] == [("registered_on", "sync.field_required")]
    assert [f for f, _k in fields[5]] == ["hs_code", "trade_mode", "amount_amount"]
    assert fields[5][1][1] == "customs.unknown_trade_mode"
    assert [r["status"] for r in res] == ["rejected"] * 6 + ["applied"]
    assert res[6]["remote_status"] == "acknowledged"


def test_two_sellers_never_see_or_touch_each_others_records(desk, running):
    view = desk.products.save(MUG)
    desk.fx.today = lambda: dt.date(2024, 6, 30)
    desk.fx.add_record(date=dt.date(2024, 3, 5), kind="payment", amount="10.00",
                       currency="USD")
    desk.tax.upsert_export_lines([ExportLineRecord(
        source_ref="L1", export_date=dt.date(2024, 5, 3), goods_name="杯", unit="个",
        quantity=Decimal(1), unit_price=None, amount=Money.of("5.00", "USD"))])
    connect(desk, running)
    assert desk.sync.run().pushed == 4
    other, trainer, me = running.token(1), running.trainer, running.seller_id(0)
    with running.http(other) as h:
        for path in ("/products", "/fx-records", "/tax-records", "/fx-registrations"):
            assert h.get(path).json()["records"] == []
        assert h.get(f"/records/product/{view.uuid}").status_code == 404
        # the same uuid pushed by the other seller is the other seller's own record
        r = h.post("/batch", json={"items": [{"idempotency_key": "x", "entity": "product",
                                              "uuid": view.uuid, "base_version": 0,
                                              "data": {"sku": "THEIRS"}}]}).json()
        assert r["results"][0]["status"] == "applied" and r["results"][0]["version"] == 1
    with running.http(trainer) as t:
        t.post(f"/admin/sellers/{running.seller_id(1)}/products/{view.uuid}/reject",
               json={"reason": "只给第二位学生"})
        products = t.get("/admin/products").json()
        assert sorted((p["seller_id"], p["data"]["sku"]) for p in products) == sorted(
            [(me, "MUG-350-BLU"), (running.seller_id(1), "THEIRS")])
    with running.http(running.token(0)) as h:
        rec = h.get(f"/records/product/{view.uuid}").json()
        assert (rec["version"], rec["data"]["sku"], rec["remote_status"]) == (
            1, "MUG-350-BLU", "submitted")
    assert desk.sync.run().pulled == 0  # the other seller's decision never reaches this one
    assert desk.products.get(view.id).remote_status == "submitted"
    with desk.read() as s:
        assert s.scalar(select(func.count()).select_from(OutboxItem).where(
            OutboxItem.state != "sent")) == 0


def test_fx_and_tax_conflicts_take_the_platforms_version(desk, running, tmp_path, capsys):
    from seller_desk.sandbox.cli import main

    desk.fx.today = lambda: dt.date(2024, 6, 30)
    view, _ = desk.fx.add_record(date=dt.date(2024, 3, 5), kind="receipt", amount="500.00",
                                 currency="USD", counterparty="Amazon US")
    desk.tax.upsert_export_lines([ExportLineRecord(
        source_ref="L1", export_date=dt.date(2024, 5, 3), goods_name="杯", unit="个",
        quantity=Decimal(1), unit_price=None, amount=Money.of("5.00", "USD"),
        list_no="53142024E00001", hs_code="9617001100")])
    connect(desk, running)
    assert desk.sync.run().pushed == 3
    fx_item, tax_item = outbox(desk, "fx_record")[0], outbox(desk, "tax_record")[0]
    with running.http(running.token(0)) as h:  # another device corrects both
        res = h.post("/batch", json={"items": [
            {"idempotency_key": "o1", "entity": "fx_record", "uuid": fx_item.entity_uuid,
             "base_version": 1, "data": {**fx_item.payload, "counterparty": "Amazon EU",
                                         "amount": {"amount": "480.00", "currency": "USD"}}},
            {"idempotency_key": "o2", "entity": "tax_record", "uuid": tax_item.entity_uuid,
             "base_version": 1, "data": {**tax_item.payload, "goods_name": "保温杯",
                                         "quantity": "3"}}]}).json()["results"]
        assert [r["status"] for r in res] == ["applied", "applied"]
    desk.fx.set_netting(view.id, gross="520.00", storage="20.00")  # a local edit of each
    with desk.read() as s:
        line_id = s.scalars(select(TaxExportLine.id)).one()
    desk.tax.record_invoice(line_id, "No.1", dt.date(2024, 5, 20))
    assert desk.sync.run().conflicts == 2
    for issue in desk.sync.issues("conflict"):
        desk.sync.take_theirs(issue.outbox_id)
    assert desk.sync.status().pending == 0 and desk.sync.issues() == []
    rec = desk.fx.record(view.id)
    assert (rec.amount, rec.counterparty, rec.usd.amount) == (
        Money.of("480.00", "USD"), "Amazon EU", Decimal("480.00"))
    assert (rec.gross, rec.storage_fee) == (None, None)  # my netting went with my version
    with desk.read() as s:
        line = s.get(TaxExportLine, line_id)
        assert (line.goods_name, line.quantity, line.version) == ("保温杯", Decimal(3), 2)
        assert line.list_no == "53142024E00001"
    # the trainer's CLI sets a status on the tax record; the pull brings it with the reason
    db = ["--db", f"sqlite:///{tmp_path / 'platform.sqlite3'}"]
    assert main(["record-status", "--class", str(running.klass["class_id"]), *db,
                 str(running.seller_id(0)), "tax_record", tax_item.entity_uuid, "rejected",
                 "--reason", "数量与清单不符"]) == 0
    assert capsys.readouterr().out.strip() == f"tax_record {tax_item.entity_uuid}: rejected"
    assert desk.sync.run().pulled == 1
    with desk.read() as s:
        line = s.get(TaxExportLine, line_id)
        assert (line.remote_status, line.remote_reason) == ("rejected", "数量与清单不符")


def test_fx_import_queues_one_row_per_new_record(desk, shared_dir):
    desk.fx.today = lambda: dt.date(2024, 6, 30)
    desk.fx.set_rate("EUR", "2024-03", "1.0856")
    sample = shared_dir / "samples" / "paypal-activity-download.csv"
    assert desk.imports.import_file(sample).imported == 3
    items = outbox(desk, "fx_record")
    assert [(i.payload["kind"], i.payload["amount"], i.payload["usd_amount"], i.version)
            for i in items] == [
        ("receipt", {"amount": "1250.00", "currency": "USD"}, "1250.00", 1),
        ("receipt", {"amount": "29.90", "currency": "EUR"}, "32.46", 1),
        ("payment", {"amount": "200.00", "currency": "USD"}, "200.00", 1)]
    with desk.read() as s:
        uuids = set(s.scalars(select(FxRecord.uuid)))
    assert {i.entity_uuid for i in items} == uuids and len(uuids) == 3
    assert desk.imports.import_file(sample).unchanged == 3
    assert len(outbox(desk, "fx_record")) == 3  # nothing new: nothing queued
