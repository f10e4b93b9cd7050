"""Messages of the dated rule tables (issue 14) and of the rule decisions that name them."""

from seller_desk.i18n import QT_TRANSLATE_NOOP
from seller_desk.messages import register

#: labels of the FX settlement account settings (declared in seller_desk.services.fx)
ACCOUNT_LABELS = {
    "fx.settlement_account.opened_on": QT_TRANSLATE_NOOP(
        "settings", "FX settlement account (外汇结算账户) opened on (YYYY-MM-DD, empty if none)"),
    "fx.settlement_account.bank": QT_TRANSLATE_NOOP("settings", "FX settlement account: bank"),
    "fx.settlement_account.filing_id": QT_TRANSLATE_NOOP(
        "settings", "FX settlement account: the zone platform filing it rests on (filing number in SellerDesk)"),
}

register({
    "rules.missing": QT_TRANSLATE_NOOP(
        "problems", "No rule \"{rule}\" is in force on {date}: add a row for it in Preferences ▸ Rules."),
    "rules.bad_key": QT_TRANSLATE_NOOP(
        "problems", "\"{value}\" is not a rule key (lower-case words joined by dots, e.g. fx.individual_quota_usd)."),
    "rules.value_required": QT_TRANSLATE_NOOP("problems", "A rule row needs a value."),
    "rules.source_required": QT_TRANSLATE_NOOP(
        "problems", "A rule row needs its source: the document number of the notice or law."),
    "rules.bad_date": QT_TRANSLATE_NOOP(
        "problems", "{field}: \"{value}\" is not a date (YYYY-MM-DD)."),
    "rules.date_required": QT_TRANSLATE_NOOP("problems", "A rule row needs the date it takes effect."),
    "rules.ends_before_start": QT_TRANSLATE_NOOP(
        "problems", "The row ends ({valid_to}) before it starts ({valid_from})."),
    "rules.bad_origin": QT_TRANSLATE_NOOP("problems", "\"{value}\" is not a rule row origin."),
    "rules.not_a_number": QT_TRANSLATE_NOOP(
        "problems", "The rule \"{rule}\" takes a number; \"{value}\" is not one."),
    "rules.unknown_row": QT_TRANSLATE_NOOP(
        "problems", "There is no shipped rule row \"{ref}\" (write it as key@YYYY-MM-DD)."),
    "tax.eit.preference_ended": QT_TRANSLATE_NOOP(
        "problems",
        "No small low-profit preference is recorded for {year}: the preferential policy (公告2023年第12号) ended on 2027-12-31 and no extension is in the rules table. Estimated at the statutory rates: {rate} of the whole taxable income for a small low-profit enterprise (EIT Law art. 28), {standard} otherwise. Add the new notice as a rule row when it is published."),
    "fx.gross_counted": QT_TRANSLATE_NOOP(
        "problems",
        "Receipts count toward the US$200,000 line with the restored gross of netted receipts (US${gross}; net received US${net}). This is the conservative reading of 汇发〔2020〕11号: the declared amount is the gross."),
    "fx.account_filing_not_zone": QT_TRANSLATE_NOOP(
        "problems", "Filing {filing} is not a zone platform filing; an FX settlement account rests on the zone platform filing."),
    "customs.export_nothing_new": QT_TRANSLATE_NOOP(
        "problems",
        "Nothing new to write for {month}: {sent} lists were written before or are already with customs, and lists are never re-sent as new. Correct a sent list as a modification or cancel it."),
    "orders.declaration_not_found": QT_TRANSLATE_NOOP("problems", "There is no declaration {id}."),
    "customs.correction_full_declaration": QT_TRANSLATE_NOOP(
        "problems", "{cop_no} needs a full customs declaration (报关单); it is not corrected as a list."),
    "customs.correction_needs_cancel": QT_TRANSLATE_NOOP(
        "problems",
        "List {cop_no} has status {status} (concluded, released or closed): customs no longer takes a change. Cancel it (撤销申请单 CEB605) and declare it again with a new enterprise number."),
    "customs.correction_wait": QT_TRANSLATE_NOOP(
        "problems",
        "List {cop_no} has status {status} (under review, inspection or held): no change can be sent now; wait for the next receipt."),
})
