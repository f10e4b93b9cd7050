"""Messages of the FX area: rates, the US$200,000 exemption, the personal quota, evidence,
netting, and the FX imports."""

from seller_desk.i18n import QT_TRANSLATE_NOOP
from seller_desk.messages import register

#: labels of the FX settings (declared in seller_desk.services.fx); here so lupdate finds them
SETTING_LABELS = {
    "fx.evidence_window_days": QT_TRANSLATE_NOOP(
        "settings", "Evidence orders must have shipped within N days (collector practice)"),
    "fx.registered_on": QT_TRANSLATE_NOOP(
        "settings", "名录 registration date (YYYY-MM-DD, empty if not registered)"),
    "fx.linked_persons": QT_TRANSLATE_NOOP(
        "settings", "Linked persons (family members), separated by commas"),
}

register({
    # rates
    "fx.missing_rate": QT_TRANSLATE_NOOP(
        "problems",
        "No SAFE conversion rate for {currency} in {batch}: import or type that month's rate. The record is not counted in the US dollar totals until then."),
    "fx.bad_batch": QT_TRANSLATE_NOOP(
        "problems", "\"{batch}\" is not a rate month; write it as YYYY-MM or YYYYMM."),
    "fx.rate_not_positive": QT_TRANSLATE_NOOP(
        "problems", "The rate {rate} must be a positive number (US dollars per one unit)."),
    "fx.rate_implausible": QT_TRANSLATE_NOOP(
        "problems",
        "The rate {rate} for {currency} differs from {previous} in {previous_batch} by more than half; check that it is US dollars per ONE unit of {currency}."),
    "fx.rate_duplicate": QT_TRANSLATE_NOOP(
        "problems", "{currency} appears twice in the table; the rate in row {row} was kept."),
    "fx.rates_no_table": QT_TRANSLATE_NOOP(
        "problems",
        "No currency/rate table was found in the file (expected a currency code column and a rate column)."),
    "fx.rates_batch_unknown": QT_TRANSLATE_NOOP(
        "problems",
        "The rate month could not be read from the file or its name; give it explicitly (for example --batch 2024-03)."),
    # records
    "fx.unknown_kind": QT_TRANSLATE_NOOP(
        "problems", "Unknown record type \"{kind}\" (use one of: {kinds})."),
    "fx.date_required": QT_TRANSLATE_NOOP("problems", "The date is required."),
    "fx.future_date": QT_TRANSLATE_NOOP(
        "problems", "The date {date} is in the future (today is {today})."),
    "fx.amount_not_positive": QT_TRANSLATE_NOOP(
        "problems", "The amount {amount} must be greater than zero."),
    "fx.unknown_channel": QT_TRANSLATE_NOOP(
        "problems", "Unknown channel \"{channel}\" (use one of: {channels})."),
    "fx.record_not_found": QT_TRANSLATE_NOOP("problems", "FX record {id} does not exist."),
    "fx.evidence_not_for_kind": QT_TRANSLATE_NOOP(
        "problems", "Trade evidence can be linked to receipts and settlements only, not to a {kind}."),
    "fx.as_of_outside_year": QT_TRANSLATE_NOOP(
        "problems", "The as-of date {date} is not in {year}."),
    # exemption advice
    "fx.advice.exempt": QT_TRANSLATE_NOOP(
        "problems",
        "Exempt: receipts and payments this year are each at most US$180,000; no 名录 registration is needed."),
    "fx.advice.warning": QT_TRANSLATE_NOOP(
        "problems",
        "Warning: a total is above US$180,000. SAFE lists such enterprises every month; register in the 贸易外汇收支企业名录 soon (online at 数字外管平台 or at your bank)."),
    "fx.advice.at_threshold": QT_TRANSLATE_NOOP(
        "problems",
        "At the threshold: a total is exactly US$200,000.00. The rules are ambiguous at exactly this amount; register before the next receipt or payment."),
    "fx.advice.required": QT_TRANSLATE_NOOP(
        "problems",
        "Registration required: a total is above US$200,000. Complete 名录 registration before your bank or collector handles further receipts or payments."),
    "fx.advice.registered": QT_TRANSLATE_NOOP(
        "problems",
        "Registered in the 名录: normal goods-trade FX management applies (who exports collects, who imports pays)."),
    # individual quota
    "fx.quota.needs_evidence": QT_TRANSLATE_NOOP(
        "problems",
        "This {kind} of US${usd} exceeds the US${remaining} left of this year's quota: the bank will need trade evidence (orders, platform transaction data, logistics) for it."),
    "fx.split.just_under": QT_TRANSLATE_NOOP(
        "problems",
        "{count} amounts just under US${limit} between {first} and {last} (total US${total}) look like splitting, which the rules prohibit."),
    "fx.split.linked_persons": QT_TRANSLATE_NOOP(
        "problems",
        "Linked persons {persons} settled US${total} between {first} and {last}, more than one person's quota of US${limit}: splitting across family members' IDs is prohibited (guideline art. 62)."),
    # evidence
    "fx.evidence_used": QT_TRANSLATE_NOOP(
        "problems",
        "Order {order} (US${amount}) already backs other records in full; an order's amount can back settlements only once."),
    "fx.evidence_short": QT_TRANSLATE_NOOP(
        "problems",
        "The linked orders cover US${covered} of the US${needed} needed; link more orders or record the rest without evidence."),
    "fx.evidence_duplicate": QT_TRANSLATE_NOOP(
        "problems", "Order {order} is linked twice."),
    "fx.evidence_not_shipped": QT_TRANSLATE_NOOP(
        "problems", "Order {order} had not shipped by {date}."),
    "fx.evidence_outside_window": QT_TRANSLATE_NOOP(
        "problems",
        "Order {order} shipped on {ship_date}, {days} days earlier; collectors usually accept orders shipped within {window} days (a collector practice, not a law)."),
    "fx.order_not_found": QT_TRANSLATE_NOOP("problems", "Order {order} was not found."),
    "fx.waybill_not_found": QT_TRANSLATE_NOOP(
        "problems", "Waybill {waybill} is on no declaration; write it as LOGISTICS CODE:WAYBILL NO."),
    "fx.filing_not_found": QT_TRANSLATE_NOOP("problems", "Filing {filing} was not found."),
    # netting
    "fx.netting_fee_not_allowed": QT_TRANSLATE_NOOP(
        "problems",
        "A \"{fee}\" fee cannot be netted against proceeds; only overseas {allowed} fees can (汇发〔2020〕11号)."),
    "fx.netting_unbalanced": QT_TRANSLATE_NOOP(
        "problems",
        "Gross {gross} minus fees {fees} is {expected}, not the net {net} entered."),
    "fx.netting_negative": QT_TRANSLATE_NOOP(
        "problems", "The fees are larger than the gross proceeds (net {net})."),
    "fx.fee_negative": QT_TRANSLATE_NOOP(
        "problems", "The {fee} fee {amount} cannot be negative."),
    "fx.netting_kind": QT_TRANSLATE_NOOP(
        "problems", "Only receipts can record netting."),
    # imports
    "fx.payout_not_positive": QT_TRANSLATE_NOOP(
        "problems", "Settlement {settlement} paid out {amount}: nothing was received, so no receipt was recorded."),
    "fx.paypal_bad_date": QT_TRANSLATE_NOOP(
        "problems", "\"{value}\" is not a date in the file's {order} order."),
    "fx.import_unknown_type": QT_TRANSLATE_NOOP(
        "problems", "Transaction type \"{type}\" is not known; the row was kept as a note and not counted."),
    "fx.collector_mapping_missing": QT_TRANSLATE_NOOP(
        "problems", "The column mapping has no \"{field}\" column."),
    "fx.collector_unknown_direction": QT_TRANSLATE_NOOP(
        "problems", "\"{value}\" is not a known transaction type for this statement."),
})
