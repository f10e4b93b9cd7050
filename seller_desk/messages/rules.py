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

#: labels of the tax CNY conversion settings (declared in seller_desk.services.tax)
BASIS_LABELS = {
    "tax.cny_rate_basis": QT_TRANSLATE_NOOP(
        "settings", "Export sales convert at the central parity of: export_date (the export day) or month_first (the 1st of its month)"),
    "tax.cny_rate_basis_since": QT_TRANSLATE_NOOP(
        "settings", "Conversion day chosen on (kept for at least a year)"),
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
    "fx.account.none": QT_TRANSLATE_NOOP("problems", "No FX settlement account is recorded."),
    "fx.account.outside_quota": QT_TRANSLATE_NOOP(
        "problems", "On {on}, settlements through the FX settlement account use no US$50,000 "
        "quota: the zone-platform filing is approved and valid."),
    "fx.account.no_filing": QT_TRANSLATE_NOOP(
        "problems", "On {on}, settlements through the account still use the US$50,000 quota: "
        "no zone-platform filing is linked to it."),
    "fx.account.filing_not_valid": QT_TRANSLATE_NOOP(
        "problems", "On {on}, settlements through the account still use the US$50,000 quota: "
        "its zone-platform filing is not approved and valid on that day."),
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
    "tax.cny_rate_missing": QT_TRANSLATE_NOOP(
        "problems", "Line {line}: no 人民币汇率中间价 for {currency} on {date}: import the CFETS table or type the rate (rates parity)."),
    "tax.eit.cny_rate_missing": QT_TRANSLATE_NOOP(
        "problems", "{lines} export lines have no CNY central parity ({rates}): nothing was estimated, because leaving them out would understate the revenue. Import the CFETS central parity table or type the rates."),
    "tax.eit.line_rate_used": QT_TRANSLATE_NOOP(
        "problems", "{lines} lines were converted with the rate typed with them, not the central parity of the quarter's last day (实施条例 第一百三十条): import the CFETS table for the exact figure."),
    "tax.eit.rate_provisional": QT_TRANSLATE_NOOP(
        "problems", "{lines} lines of a quarter not yet ended were converted at the latest central parity; the figure changes with the quarter-end rate."),
    "tax.cny_basis_unknown": QT_TRANSLATE_NOOP("problems", "\"{value}\" is not a conversion day ({known})."),
    "tax.cny_basis_locked": QT_TRANSLATE_NOOP(
        "problems", "The conversion day ({current}) was chosen on {since} and is kept for at least a year: it can change from {until}."),
    "fx.parity_no_table": QT_TRANSLATE_NOOP(
        "problems", "No central parity table found: the file needs a 日期 (Date) column and pair columns such as USD/CNY."),
    "fx.parity_bad_date": QT_TRANSLATE_NOOP("problems", "\"{value}\" is not a date."),
    "fx.pack.rule_account": QT_TRANSLATE_NOOP(
        "problems", "Records {records}: settled through the FX settlement account (外汇结算账户) opened {opened} at {bank} on zone platform filing {filing}: outside the US$50,000 individual quota. Rules: {rules}."),
    "fx.pack.rule_trade": QT_TRANSLATE_NOOP(
        "problems", "Records {records}: backed by trade evidence, done at the actual amount and outside the US$50,000 individual quota. Rules: {rules}."),
    "fx.pack.rule_quota": QT_TRANSLATE_NOOP(
        "problems", "Records {records}: within the individual annual quota. Rules: {rules}."),
    "fx.pack.rule_needs_evidence": QT_TRANSLATE_NOOP(
        "problems", "Records {records}: more than the quota left; the bank handles them only with trade evidence. Rules: {rules}."),
    "fx.pack.rule_missing_rate": QT_TRANSLATE_NOOP(
        "problems", "Records {records}: no SAFE rate for their month yet, not counted."),
    "fx.pack.rule_enterprise": QT_TRANSLATE_NOOP(
        "problems", "{year}: goods-trade receipts US${gross} counted toward the US$200,000 名录 line (netted receipts at their restored gross; net received US${net}); state: {state}. Rules: {rules}."),
})
