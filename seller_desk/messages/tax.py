"""Messages of the tax area: 无票免税 reasons, 核定征收 EIT, export refunds, retention."""

from __future__ import annotations

from seller_desk.core.problems import Problem
from seller_desk.i18n import QT_TRANSLATE_NOOP
from seller_desk.messages import message, register

#: Labels of the fields a reason may name (the six platform fields and the EIT inputs).
FIELD_LABELS = {
    "export_date": QT_TRANSLATE_NOOP("problems", "export date"),
    "goods_name": QT_TRANSLATE_NOOP("problems", "goods name"),
    "unit": QT_TRANSLATE_NOOP("problems", "unit"),
    "quantity": QT_TRANSLATE_NOOP("problems", "quantity"),
    "unit_price": QT_TRANSLATE_NOOP("problems", "unit price"),
    "amount": QT_TRANSLATE_NOOP("problems", "amount"),
    "revenue": QT_TRANSLATE_NOOP("problems", "revenue"),
    "non_taxable": QT_TRANSLATE_NOOP("problems", "non-taxable income"),
    "exempt": QT_TRANSLATE_NOOP("problems", "exempt income"),
    "employees": QT_TRANSLATE_NOOP("problems", "employees"),
    "assets": QT_TRANSLATE_NOOP("problems", "total assets"),
    "year": QT_TRANSLATE_NOOP("problems", "year"),
}


def reason(problem: Problem, lang: str | None = "zh_CN") -> str:
    """The problem's sentence with a named field shown by its label in ``lang``."""
    from seller_desk.i18n import translate

    fld = problem.params.get("field")
    if isinstance(fld, str) and fld in FIELD_LABELS:
        return message(problem, lang, field=translate("problems", FIELD_LABELS[fld], lang))
    return message(problem, lang)


register({
    # 无票免税 eligibility (财税〔2018〕103号)
    "tax.exempt.before_rule": QT_TRANSLATE_NOOP(
        "problems", "Exported on {date}, before {document} took effect on {start}."),
    "tax.exempt.natural_person": QT_TRANSLATE_NOOP(
        "problems", "A natural person is not an e-commerce export enterprise: only units and individual businesses may use the exemption."),
    "tax.exempt.unknown_kind": QT_TRANSLATE_NOOP(
        "problems", "Unknown seller kind \"{kind}\": set it in the company profile."),
    "tax.exempt.not_zone_registered": QT_TRANSLATE_NOOP(
        "problems", "The seller was not registered in the zone {zone} on the export date {date}."),
    "tax.exempt.not_platform_filed": QT_TRANSLATE_NOOP(
        "problems", "The seller was not filed on the zone platform {zone} on the export date {date}."),
    "tax.exempt.field_missing": QT_TRANSLATE_NOOP(
        "problems", "The platform record lacks the field \"{field}\"."),
    "tax.exempt.field_not_positive": QT_TRANSLATE_NOOP(
        "problems", "The field \"{field}\" must be greater than zero (it is {value})."),
    "tax.exempt.wrong_customs": QT_TRANSLATE_NOOP(
        "problems", "Declared at customs \"{customs}\", not at the zone's customs ({zone_customs})."),
    "tax.exempt.b2b_mode": QT_TRANSLATE_NOOP(
        "problems", "Trade mode {mode} is B2B: it uses the refund with purchase invoices, not the exemption (an interpretation; a trainer may change it)."),
    "tax.exempt.not_retail": QT_TRANSLATE_NOOP(
        "problems", "Trade mode \"{mode}\" is not a retail e-commerce export (9610)."),
    "tax.exempt.has_invoice": QT_TRANSLATE_NOOP(
        "problems", "A valid purchase invoice is recorded: the goods use the export refund, not the exemption."),
    "tax.exempt.refund_cancelled": QT_TRANSLATE_NOOP(
        "problems", "HS code {hs_code} is on the list of goods whose export refund/exemption was cancelled."),
    "tax.exempt.amount_mismatch": QT_TRANSLATE_NOOP(
        "problems", "Quantity {quantity} × unit price {unit_price} = {expected}, but the amount is {amount}."),
    "tax.list.bad_month": QT_TRANSLATE_NOOP("problems", "\"{value}\" is not a month (YYYY-MM)."),
    "tax.list.empty_month": QT_TRANSLATE_NOOP(
        "problems", "No export lines in {month}: the list is empty."),
    "tax.list.missing_cny": QT_TRANSLATE_NOOP(
        "problems", "{count} eligible lines have no CNY exchange rate: the CNY total leaves them out."),
    # 核定征收 EIT
    "tax.eit.not_enterprise": QT_TRANSLATE_NOOP(
        "problems", "Assessed EIT (公告2019年第36号) applies to enterprises only; a seller of kind \"{kind}\" pays individual income tax instead."),
    "tax.eit.no_exemption": QT_TRANSLATE_NOOP(
        "problems", "Assessed EIT at 4% applies only to enterprises using the no-invoice exemption."),
    "tax.eit.no_rule": QT_TRANSLATE_NOOP(
        "problems", "No known tax rule for {year}: the rules table covers {known}. Nothing was estimated."),
    "tax.eit.negative": QT_TRANSLATE_NOOP("problems", "\"{field}\" cannot be negative ({value})."),
    "tax.eit.not_a_number": QT_TRANSLATE_NOOP("problems", "\"{field}\": \"{value}\" is not a number."),
    "tax.eit.deductions_exceed_revenue": QT_TRANSLATE_NOOP(
        "problems", "Non-taxable and exempt income ({deductions}) exceed the total revenue ({revenue})."),
    "tax.eit.figure_missing": QT_TRANSLATE_NOOP(
        "problems", "No {field} figures for the year: the small low-profit test cannot pass without them."),
    "tax.eit.near_cliff": QT_TRANSLATE_NOOP(
        "problems", "Revenue {revenue} is close to {cliff}: {headroom} more and the whole taxable income is taxed at 25% ({tax_over} at today's income)."),
    "tax.eit.over_cliff": QT_TRANSLATE_NOOP(
        "problems", "Revenue {revenue} is over {cliff}: taxable income exceeds 3,000,000 and the whole of it is taxed at 25% ({tax}; at the limit it would be {tax_at_cliff})."),
    "tax.eit.projected_near_cliff": QT_TRANSLATE_NOOP(
        "problems", "At the pace of the first {quarter} quarter(s) the year's revenue will reach {projected}, near the {cliff} cliff."),
    "tax.eit.near_employees": QT_TRANSLATE_NOOP(
        "problems", "Average employees {value} are close to the small low-profit limit of {limit}."),
    "tax.eit.over_employees": QT_TRANSLATE_NOOP(
        "problems", "Average employees {value} exceed the small low-profit limit of {limit}."),
    "tax.eit.near_assets": QT_TRANSLATE_NOOP(
        "problems", "Average total assets {value} are close to the small low-profit limit of {limit}."),
    "tax.eit.over_assets": QT_TRANSLATE_NOOP(
        "problems", "Average total assets {value} exceed the small low-profit limit of {limit}."),
    # export refunds
    "tax.refund.no_rate": QT_TRANSLATE_NOOP(
        "problems", "HS code {hs_code} has no refund rate in the HS table: its lines are not estimated."),
    "tax.refund.no_basis": QT_TRANSLATE_NOOP(
        "problems", "Line {line} has no purchase invoice amount: it is not estimated."),
    "tax.refund.cancelled": QT_TRANSLATE_NOOP(
        "problems", "HS code {hs_code} is on the refund-cancelled list: counted at 0."),
    "tax.refund.unknown_class": QT_TRANSLATE_NOOP(
        "problems", "\"{value}\" is not a refund class (一, 二, 三 or 四)."),
    # retention
    "tax.retention.too_early": QT_TRANSLATE_NOOP(
        "problems", "Tax records are kept {years} years: this record of {date} may be deleted from {until}."),
})
