"""`seller-desk rates …` and `seller-desk fx …`: the SAFE rate table and the FX ledger.

    seller-desk rates import FILE [--batch YYYY-MM] [--json]
    seller-desk rates set CUR YYYY-MM RATE_TO_USD [--json]
    seller-desk rates parity CUR YYYY-MM-DD CNY_PER_UNIT [--json]
    seller-desk rates list [--json]
    seller-desk fx add --date YYYY-MM-DD --type receipt|payment|settlement|purchase|fee
                       --amount DECIMAL --currency CUR [--channel NAME] [--trade-evidence TEXT]
                       [--order ORDER_ID ...] [--cny DECIMAL] [--storage-fee …] [--json]
    seller-desk fx status --year YYYY [--as-of YYYY-MM-DD] [--json]
    seller-desk fx list [--year YYYY] [--json]
    seller-desk fx reconcile --year YYYY [--json]
    seller-desk fx link RECORD_ID [--order ORDER_ID ...] [--waybill CODE:NO ...] [--filing ID ...] [--json]
    seller-desk fx account show [--on YYYY-MM-DD] [--json]
    seller-desk fx account set --opened-on YYYY-MM-DD [--bank TEXT] [--filing ID] [--json]
    seller-desk fx account remove [--json]
    seller-desk fx pack [--record ID ...] [--from DATE --to DATE] --pdf FILE [--xlsx FILE]
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from seller_desk.commands import EXIT_OK, emit, emit_rows, handle_errors, open_desk
from seller_desk.core.fx import KINDS
from seller_desk.core.problems import Problem, ProblemError
from seller_desk.messages import describe, message


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


@handle_errors
def cmd_rates_import(args: argparse.Namespace) -> int:
    from seller_desk.io.readers.cfets_parity import CfetsParityReader

    options = {"batch": args.batch} if args.batch else None
    reader = args.reader or ("cfets_parity" if CfetsParityReader().detect(Path(args.file)) is None
                             else "safe_rates")
    with open_desk(args) as desk:
        report = desk.imports.import_file(Path(args.file), reader=reader,
                                          dry_run=args.dry_run, options=options)
    data = report.to_json(args.lang)
    text = (f"{report.reader}: {report.imported} new rates, {report.updated} changed, "
            f"{report.unchanged} unchanged")
    if report.problems and not args.json:
        text += "\n" + "\n".join(describe(p, args.lang) for p in report.problems)
    emit(args, data, text)
    return 1 if any(p.is_error for p in report.problems) and not report.written else EXIT_OK


@handle_errors
def cmd_rates_set(args: argparse.Namespace) -> int:
    with open_desk(args) as desk:
        out = desk.fx.set_rate(args.currency, args.month, args.rate)
    text = (f"{out['currency']} {out['batch']}: 1 {out['currency']} = {out['rate']} USD"
            f" ({out['records_recomputed']} records recomputed)")
    for w in out["warnings"]:
        text += "\n" + message(w["key"], args.lang, **w.get("params", {}))
    emit(args, out, text)
    return EXIT_OK


@handle_errors
def cmd_rates_parity(args: argparse.Namespace) -> int:
    with open_desk(args) as desk:
        out = desk.fx.set_central_parity(args.currency, args.date, args.rate)
    emit(args, out, f"{out['date']}: 1 {out['currency']} = {out['rate']} CNY (central parity)")
    return EXIT_OK


@handle_errors
def cmd_rates_list(args: argparse.Namespace) -> int:
    with open_desk(args) as desk:
        rows = desk.fx.rates()
        missing = desk.fx.missing_rates()
    data = {"rates": rows, "missing": missing}
    text = "\n".join(f"{r['batch']} {r['currency']} {r['rate']}  ({r['source']})" for r in rows)
    if missing:
        text += "\nmissing: " + ", ".join(f"{m['currency']} {m['batch']} ({m['records']})"
                                          for m in missing)
    emit(args, data, text or "no rates")
    return EXIT_OK


@handle_errors
def cmd_fx_add(args: argparse.Namespace) -> int:
    netting = {k: v for k, v in (("gross", args.gross), ("storage", args.storage_fee),
                                 ("logistics", args.logistics_fee), ("tax", args.tax_fee)) if v}
    with open_desk(args) as desk:
        view, warnings = desk.fx.add_record(
            date=args.date, kind=args.type, amount=args.amount, currency=args.currency,
            channel=args.channel, counterparty=args.counterparty or "",
            trade_evidence=args.trade_evidence, orders=args.order or (), cny=args.cny,
            fee=args.fee, netting=netting or None, declaration_ref=args.declaration,
            declared_usd=args.declared_usd, note=args.note or "", person=args.person,
        )
    data = {"ok": True, "record": view.to_json(),
            "warnings": [{"key": w.key, "message": message(w, args.lang)} for w in warnings]}
    usd = f"{view.usd.amount} USD" if view.usd else "USD rate missing"
    text = f"#{view.id} {view.date} {view.kind} {view.amount} = {usd}"
    if warnings:
        text += "\n" + "\n".join(describe(w, args.lang) for w in warnings)
    emit(args, data, text)
    return EXIT_OK


@handle_errors
def cmd_fx_status(args: argparse.Namespace) -> int:
    if args.as_of and args.as_of.year != args.year:
        raise ProblemError([Problem(key="fx.as_of_outside_year", field="as_of",
                                    params={"date": args.as_of.isoformat(), "year": args.year})])
    with open_desk(args) as desk:
        data = desk.fx.status(args.year, as_of=args.as_of)
    if data["kind"] == "enterprise":
        text = (f"{args.year}: receipts US${data['receipts_usd']}, payments US${data['payments_usd']}"
                f" → {data['state']}\n{message(data['advice'], args.lang)}")
    else:
        text = (f"{args.year}: 结汇 quota used US${data['settlement_quota_used_usd']}, 购汇 quota used "
                f"US${data['purchase_quota_used_usd']}, trade settlements "
                f"US${data['trade_settlements_usd']} → {data['state']}")
    emit(args, data, text)
    return EXIT_OK


@handle_errors
def cmd_fx_list(args: argparse.Namespace) -> int:
    with open_desk(args) as desk:
        emit_rows(args, "records", desk.fx.iter_records(year=args.year), lambda v: v.to_json(),
                  lambda v: f"#{v.id} {v.date} {v.kind:<10} {v.amount}  "
                            f"{(str(v.usd.amount) + ' USD') if v.usd else 'rate missing'}",
                  none="no records", counted=False)
    return EXIT_OK


@handle_errors
def cmd_fx_reconcile(args: argparse.Namespace) -> int:
    with open_desk(args) as desk:
        rows = desk.fx.reconciliation(args.year)
    emit(args, {"year": args.year, "months": rows}, "\n".join(
        f"{r['month']}: declared {r['declared_usd']}  received {r['received_usd']}  "
        f"expected variance {r['explained_usd']}  gap {r['gap_usd']}"
        + ("  ← explain" if r["flagged"] else "") for r in rows) or "nothing to reconcile")
    return EXIT_OK


@handle_errors
def cmd_fx_link(args: argparse.Namespace) -> int:
    with open_desk(args) as desk:
        view, warnings = desk.fx.link_evidence(args.record, args.order or [],
                                               waybills=args.waybill or [],
                                               filings=args.filing or [])
    emit(args, {"ok": True, "record": view.to_json(),
                "warnings": [{"key": w.key, "message": message(w, args.lang)} for w in warnings]},
         f"#{view.id}: {len(view.evidence)} orders, {len(view.waybills)} waybills, "
         f"{len(view.filings)} filings linked")
    return EXIT_OK


@handle_errors
def cmd_fx_pack(args: argparse.Namespace) -> int:
    with open_desk(args) as desk:
        out = desk.fx.documentation_pack(
            record_ids=args.record or None, start=args.date_from, end=args.date_to,
            pdf=Path(args.pdf) if args.pdf else None, xlsx=Path(args.xlsx) if args.xlsx else None,
            lang=args.lang or "zh_CN")
    emit(args, {k: str(v) for k, v in out.items()}, "\n".join(str(v) for v in out.values()))
    return EXIT_OK


def _account_text(view: dict | None, lang: str | None) -> str:
    if view is None:
        return message("fx.account.none", lang)
    filing = view["filing"]
    lines = [f"{view['bank'] or '-'}, opened {view['opened_on']}",
             (f"filing #{filing['id']} {filing['number']} ({filing['status']}, "
              f"{filing['valid_from'] or '?'} – {filing['valid_until'] or ''})") if filing
             else "no zone-platform filing linked",
             message(view["reason"], lang, on=view["on"])]
    if view["rules"]:
        lines.append("rules: " + ", ".join(view["rules"]))
    return "\n".join(lines)


@handle_errors
def cmd_fx_account(args: argparse.Namespace) -> int:
    with open_desk(args) as desk:
        if args.account_command == "set":
            desk.fx.set_settlement_account(opened_on=args.opened_on, bank=args.bank or "",
                                           filing_id=args.filing)
        elif args.account_command == "remove":
            desk.fx.set_settlement_account(opened_on=None)
        view = desk.fx.settlement_account_view(args.on)
    emit(args, {"account": view}, _account_text(view, args.lang))
    return EXIT_OK


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    rates = sub.add_parser("rates", parents=[common], help="SAFE monthly currency-to-USD rates")
    rsub = rates.add_subparsers(dest="rates_command", metavar="ACTION", required=True)
    p = rsub.add_parser("import", parents=[common], help="import SAFE's 折算率 xlsx (or a CSV)")
    p.add_argument("file")
    p.add_argument("--batch", default=None, help="the month (YYYY-MM) when the file does not say")
    p.add_argument("--reader", default=None, help=argparse.SUPPRESS)
    p.add_argument("--dry-run", action="store_true")
    p.set_defaults(func=cmd_rates_import)
    p = rsub.add_parser("set", parents=[common], help="type one month's rate")
    p.add_argument("currency", help="ISO currency code, e.g. EUR")
    p.add_argument("month", help="YYYY-MM")
    p.add_argument("rate", help="US dollars per one unit of the currency")
    p.set_defaults(func=cmd_rates_set)
    p = rsub.add_parser("parity", parents=[common], help="keep a daily CNY central parity rate")
    p.add_argument("currency")
    p.add_argument("date", type=_date, help="YYYY-MM-DD")
    p.add_argument("rate", help="CNY per one unit of the currency")
    p.set_defaults(func=cmd_rates_parity)
    p = rsub.add_parser("list", parents=[common], help="the rate table and the months missing")
    p.set_defaults(func=cmd_rates_list)

    fx = sub.add_parser("fx", parents=[common], help="FX receipts, payments and settlements")
    fsub = fx.add_subparsers(dest="fx_command", metavar="ACTION", required=True)
    p = fsub.add_parser("add", parents=[common], help="record a receipt, payment, settlement…")
    p.add_argument("--date", type=_date, required=True)
    p.add_argument("--type", required=True, choices=KINDS,
                   help="receipt/payment = 收汇/付汇; settlement/purchase = 结汇/购汇")
    p.add_argument("--amount", required=True, help="decimal amount, e.g. 1,250.00")
    p.add_argument("--currency", required=True)
    p.add_argument("--channel", default="manual")
    p.add_argument("--counterparty", default=None)
    p.add_argument("--person", default=None, help="whose quota (individuals; default the seller)")
    p.add_argument("--trade-evidence", default=None, metavar="TEXT",
                   help="the settlement is backed by trade evidence (describe it)")
    p.add_argument("--order", action="append", metavar="ORDER_ID",
                   help="link an order as evidence (repeat); ID or ID:AMOUNT CUR:SHIP_DATE")
    p.add_argument("--cny", default=None, help="CNY received or paid (settlement/purchase)")
    p.add_argument("--fee", default=None, help="the provider's fee")
    p.add_argument("--gross", default=None, help="netting: gross proceeds")
    p.add_argument("--storage-fee", default=None, help="netting: overseas storage fee")
    p.add_argument("--logistics-fee", default=None, help="netting: logistics fee")
    p.add_argument("--tax-fee", default=None, help="netting: overseas tax")
    p.add_argument("--declaration", default=None, help="9810 declaration number")
    p.add_argument("--declared-usd", default=None, help="9810 declared export value (USD)")
    p.add_argument("--note", default=None)
    p.set_defaults(func=cmd_fx_add)
    p = fsub.add_parser("status", parents=[common], help="US$200k exemption or US$50k quota")
    p.add_argument("--year", type=int, required=True)
    p.add_argument("--as-of", type=_date, default=None)
    p.set_defaults(func=cmd_fx_status)
    p = fsub.add_parser("list", parents=[common], help="the ledger")
    p.add_argument("--year", type=int, default=None)
    p.set_defaults(func=cmd_fx_list)
    p = fsub.add_parser("reconcile", parents=[common], help="declared exports vs receipts per month")
    p.add_argument("--year", type=int, required=True)
    p.set_defaults(func=cmd_fx_reconcile)
    p = fsub.add_parser("link", parents=[common], help="link orders to a receipt or settlement")
    p.add_argument("record", type=int)
    p.add_argument("--order", action="append", metavar="ORDER_ID")
    p.add_argument("--waybill", action="append", metavar="CODE:NO",
                   help="a waybill: links the orders of its declaration (repeat)")
    p.add_argument("--filing", action="append", type=int, metavar="ID",
                   help="a filing as a supporting document (repeat)")
    p.set_defaults(func=cmd_fx_link)
    acct = fsub.add_parser("account", parents=[common], help="the individual seller's FX "
                           "settlement account (外汇结算账户)")
    asub = acct.add_subparsers(dest="account_command", metavar="ACTION", required=True)
    p = asub.add_parser("show", parents=[common], help="the account, its filing, and whether "
                        "settlements through it use the US$50,000 quota")
    p.add_argument("--on", type=_date, default=None, help="the day asked about (default today)")
    p.set_defaults(func=cmd_fx_account)
    p = asub.add_parser("set", parents=[common], help="record the account")
    p.add_argument("--opened-on", type=_date, required=True)
    p.add_argument("--bank", default="")
    p.add_argument("--filing", type=int, default=None,
                   help="the zone-platform filing it rests on (filing id)")
    p.add_argument("--on", type=_date, default=None, help=argparse.SUPPRESS)
    p.set_defaults(func=cmd_fx_account)
    p = asub.add_parser("remove", parents=[common], help="forget the account")
    p.add_argument("--on", type=_date, default=None, help=argparse.SUPPRESS)
    p.set_defaults(func=cmd_fx_account)
    p = fsub.add_parser("pack", parents=[common], help="the settlement documentation pack")
    p.add_argument("--record", type=int, action="append")
    p.add_argument("--from", dest="date_from", type=_date, default=None)
    p.add_argument("--to", dest="date_to", type=_date, default=None)
    p.add_argument("--pdf", default=None)
    p.add_argument("--xlsx", default=None)
    p.set_defaults(func=cmd_fx_pack)
