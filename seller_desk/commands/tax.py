"""``seller-desk tax …``: the month's exemption list, the 核定征收 estimate, the refund summary.

    seller-desk tax exemption-list --month 2024-05 --pdf list.pdf [--xlsx list.xlsx] --json
    seller-desk tax eit --year 2024 [--revenue CNY --employees N --assets CNY] --json
    seller-desk tax refunds --month 2024-05 [--applied-on 2024-06-03] --json
"""

from __future__ import annotations

import argparse
import datetime as dt
from decimal import Decimal
from pathlib import Path

from seller_desk.commands import (
    EXIT_OK,
    EXIT_PROBLEMS,
    emit,
    handle_errors,
    open_desk,
    report_problems,
)
from seller_desk.core.problems import Problem


def _lang(args: argparse.Namespace) -> str:
    from seller_desk.i18n import normalize_language

    return normalize_language(args.lang)


@handle_errors
def cmd_exemption_list(args: argparse.Namespace) -> int:
    """Judge the month's export lines and print the exemption list (PDF and/or Excel)."""
    lang = _lang(args)
    with open_desk(args) as desk:
        summary = desk.tax.write_month_list(
            args.month, pdf=Path(args.pdf) if args.pdf else None,
            xlsx=Path(args.xlsx) if args.xlsx else None, lang=lang)
        from seller_desk.messages.tax import reason

        summary["warnings"] = [reason(p, lang) for p in desk.tax.settings_problems()]
    text = (f"{summary['month']}: {summary['eligible']} eligible, {summary['ineligible']} ineligible, "
            f"CNY {summary['amount_cny']}")
    if "note" in summary:
        text += f"\n{summary['note']}"
    for warning in summary["warnings"]:
        text += f"\n{warning}"
    for key in ("pdf", "xlsx"):
        if key in summary:
            text += f"\n{key}: {summary[key]}"
    emit(args, summary, text)
    return EXIT_OK


def _figure(name: str, text: str | None, problems: list[Problem]) -> Decimal | None:
    from seller_desk.core.tax import parse_eit_figure

    value, found = parse_eit_figure(name, text)
    problems.extend(found)
    return value


@handle_errors
def cmd_eit(args: argparse.Namespace) -> int:
    """The year's 核定征收 EIT estimate; --revenue/--employees/--assets override the file."""
    from seller_desk.messages import message

    problems: list[Problem] = []
    year_text = (args.year or "").strip()
    if not (year_text.isdigit() and len(year_text) == 4):
        problems.append(Problem(key="tax.eit.not_a_number", field="year",
                                params={"field": "year", "value": args.year}))
    revenue = _figure("revenue", args.revenue, problems)
    employees = _figure("employees", args.employees, problems)
    assets = _figure("assets", args.assets, problems)
    if problems:
        return report_problems(args, problems)
    lang = _lang(args)
    with open_desk(args) as desk:
        report = desk.tax.eit(int(year_text), revenue=revenue, employees=employees, assets=assets)
    data = report.to_json()
    r = report.result
    data["problems"] = [dict(p.to_dict(), message=message(p, lang)) for p in r.problems]
    if not r.ok:
        data["note"] = " ".join(message(p, lang) for p in r.problems if p.is_error)
        emit(args, data, data["note"])
        return EXIT_PROBLEMS
    lines = [
        f"{r.year}: {r.rule.label if r.rule else ''}",
        f"revenue {report.inputs.revenue} ({report.revenue_source}); taxable revenue {r.taxable_revenue}",
        f"taxable income {r.taxable_income}; small low-profit: {'yes' if r.small_low_profit else 'no'}",
        f"tax {r.tax}",
    ]
    lines += [f"Q{q.quarter}: cumulative {q.cumulative_revenue} → tax {q.cumulative_tax}, pay {q.payable}"
              for q in report.quarters]
    lines += [message(p, lang) for p in r.problems]
    emit(args, data, "\n".join(lines))
    return EXIT_OK


@handle_errors
def cmd_deadlines(args: argparse.Namespace) -> int:
    """The year's EIT filing deadlines, rolled past weekends and public holidays."""
    with open_desk(args) as desk:
        rows = desk.tax.deadlines(args.year)
    emit(args, {"year": args.year, "deadlines": rows}, "\n".join(
        f"{r['period']:<8} {r['what']:<15} due {r['due']}" for r in rows))
    return EXIT_OK


@handle_errors
def cmd_refunds(args: argparse.Namespace) -> int:
    """Export refund estimate of the month's invoiced lines, per HS code."""
    from seller_desk.core.tax import month_bounds
    from seller_desk.messages import message

    try:
        first, last = month_bounds(args.month)
    except ValueError:
        return report_problems(args, [Problem(key="tax.list.bad_month", field="month",
                                              params={"value": args.month})])
    applied = None
    if args.applied_on:
        try:
            applied = dt.date.fromisoformat(args.applied_on)
        except ValueError:
            return report_problems(args, [Problem(key="io.bad_date", field="applied_on",
                                                  params={"value": args.applied_on})])
    lang = _lang(args)
    with open_desk(args) as desk:
        s = desk.tax.refund_summary(first, last, applied_on=applied)
    data = {
        "month": args.month,
        "groups": [{"hs_code": g.hs_code, "rate": None if g.rate is None else str(g.rate),
                    "lines": g.lines, "basis": str(g.basis), "refund": str(g.refund)} for g in s.groups],
        "total_basis": str(s.total_basis), "total_refund": str(s.total_refund),
        "refund_class": s.refund_class, "working_days": s.working_days,
        "expected_by": s.expected_by.isoformat() if s.expected_by else None,
        "problems": [dict(p.to_dict(), message=message(p, lang)) for p in s.problems],
    }
    text = "\n".join([f"{g['hs_code']}: {g['lines']} lines, basis {g['basis']} × {g['rate']} = {g['refund']}"
                      for g in data["groups"]] + [f"total refund {s.total_refund}"]
                     + [message(p, lang) for p in s.problems])
    emit(args, data, text)
    return EXIT_OK


SETTING_FLAGS = (
    ("zone_registered_from", "tax.zone_registered_from"),
    ("platform_filed_from", "tax.platform_filed_from"),
    ("zone_customs", "tax.zone_customs"),
    ("refund_class", "tax.refund_class"),
    ("b2b_eligible", "tax.b2b_eligible"),
)


@handle_errors
def cmd_settings(args: argparse.Namespace) -> int:
    """Show the tax settings, or set those given (dates YYYY-MM-DD)."""
    from seller_desk.core.tax import REFUND_CLASS_DAYS
    from seller_desk.messages.tax import reason

    problems: list[Problem] = []
    changes: dict[str, object] = {}
    for flag, name in SETTING_FLAGS:
        value = getattr(args, flag)
        if value is None:
            continue
        if flag.endswith("_from") and value:
            try:
                dt.date.fromisoformat(value)
            except ValueError:
                problems.append(Problem(key="io.bad_date", field=flag, params={"value": value}))
        if flag == "refund_class" and value and value not in REFUND_CLASS_DAYS:
            problems.append(Problem(key="tax.refund.unknown_class", field=flag, params={"value": value}))
        changes[name] = value
    if problems:
        return report_problems(args, problems)
    lang = _lang(args)
    with open_desk(args) as desk:
        from seller_desk.services import tax as _declares  # noqa: F401  (the tax.* settings)

        for name, value in changes.items():
            desk.settings.set(name, value)
        data = {name: desk.settings.get(name) for _flag, name in SETTING_FLAGS}
        warnings = [reason(p, lang) for p in desk.tax.settings_problems()]
    data["warnings"] = warnings
    emit(args, data, "\n".join([f"{k}: {v}" for k, v in data.items() if k != "warnings"] + warnings))
    return EXIT_OK


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    tax = sub.add_parser("tax", parents=[common], help="tax paperwork: exemption lists, EIT, refunds")
    tsub = tax.add_subparsers(dest="tax_command", metavar="TAX_COMMAND", required=True)

    p = tsub.add_parser("exemption-list", parents=[common],
                        help="the month's 无票免税 list (eligible lines, and the others with reasons)")
    p.add_argument("--month", required=True, help="YYYY-MM")
    p.add_argument("--pdf", metavar="FILE", help="write the list as PDF")
    p.add_argument("--xlsx", metavar="FILE", help="write the list as Excel")
    p.set_defaults(func=cmd_exemption_list)

    p = tsub.add_parser("eit", parents=[common], help="核定征收 enterprise income tax estimate for a year")
    p.add_argument("--year", required=True, help="YYYY")
    p.add_argument("--revenue", metavar="CNY", help="收入总额 (overrides the file)")
    p.add_argument("--employees", metavar="N", help="average employees (overrides company quarters)")
    p.add_argument("--assets", metavar="CNY", help="average total assets (overrides company quarters)")
    p.set_defaults(func=cmd_eit)

    p = tsub.add_parser("deadlines", parents=[common], help="EIT filing deadlines of a year "
                        "(rolled past weekends and public holidays)")
    p.add_argument("--year", required=True, type=int, help="YYYY")
    p.set_defaults(func=cmd_deadlines)

    p = tsub.add_parser("settings", parents=[common], help="show or set the tax settings")
    p.add_argument("--zone-registered-from", metavar="DATE", help="registered in the zone since")
    p.add_argument("--platform-filed-from", metavar="DATE", help="filed on the zone platform since")
    p.add_argument("--zone-customs", metavar="CODES", help="customs codes of the zone, comma-separated")
    p.add_argument("--refund-class", metavar="CLASS", help="export refund class: 一, 二, 三 or 四")
    p.add_argument("--b2b-eligible", choices=["yes", "no"],
                   help="treat 9710/9810 as eligible for 无票免税 (an interpretation; default no)")
    p.set_defaults(func=cmd_settings)

    p = tsub.add_parser("refunds", parents=[common], help="export refund estimate of invoiced goods")
    p.add_argument("--month", required=True, help="YYYY-MM")
    p.add_argument("--applied-on", metavar="DATE", help="refund application date (YYYY-MM-DD)")
    p.set_defaults(func=cmd_refunds)
