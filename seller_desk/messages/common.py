"""Messages shared by every area: money, places, files, the store."""

from seller_desk.i18n import QT_TRANSLATE_NOOP
from seller_desk.messages import register

register({
    "place.row": QT_TRANSLATE_NOOP("problems", "row {row}"),
    "place.column": QT_TRANSLATE_NOOP("problems", "column \"{column}\""),
    "money.float_refused": QT_TRANSLATE_NOOP(
        "problems", "Amounts must be exact decimals; the floating-point value {value} was refused."),
    "money.not_a_number": QT_TRANSLATE_NOOP("problems", "\"{value}\" is not a number."),
    "money.empty": QT_TRANSLATE_NOOP("problems", "The amount is empty."),
    "money.bad_grouping": QT_TRANSLATE_NOOP(
        "problems",
        "\"{value}\" does not read as a number in the {locale} convention (check the thousands and decimal separators)."),
    "money.unknown_locale": QT_TRANSLATE_NOOP("problems", "Unknown number format locale \"{locale}\"."),
    "money.unknown_currency": QT_TRANSLATE_NOOP(
        "problems", "\"{currency}\" is not an ISO 4217 currency code."),
    "money.currency_mismatch": QT_TRANSLATE_NOOP(
        "problems", "Cannot {op} amounts in {left} and {right}: convert one of them first."),
    "store.newer_schema": QT_TRANSLATE_NOOP(
        "problems",
        "This company file was written by a newer version of SellerDesk ({revision}). Please update SellerDesk to open it; the file was not changed."),
    "store.not_a_database": QT_TRANSLATE_NOOP(
        "problems", "\"{path}\" is not a SellerDesk company file (or it is damaged). The file was not changed."),
    "store.read_only": QT_TRANSLATE_NOOP(
        "problems", "SellerDesk cannot write to \"{path}\". Check the folder's permissions; nothing was changed."),
    "store.missing_file": QT_TRANSLATE_NOOP("problems", "The company file \"{path}\" does not exist."),
    "store.check_sqlite_only": QT_TRANSLATE_NOOP(
        "problems", "\"check\" reads a SQLite company file. {db} is a PostgreSQL database: its "
        "server checks its own storage (for example with pg_amcheck)."),
    "store.locked": QT_TRANSLATE_NOOP(
        "problems", "\"{path}\" is already open in another SellerDesk window (process {pid}). Close it there first."),
    "store.cannot_connect": QT_TRANSLATE_NOOP("problems", "Cannot open the database: {reason}"),
    "file.unreadable": QT_TRANSLATE_NOOP("problems", "The file \"{path}\" cannot be read: {reason}"),
    "io.unknown_format": QT_TRANSLATE_NOOP(
        "problems", "\"{file}\" is not a report SellerDesk can read. Export it again from the "
        "marketplace or bank as it comes (CSV, TXT or Excel), or choose its columns with the "
        "mapped-columns import. (The log lists every format tried.)"),
    "io.required_column_missing": QT_TRANSLATE_NOOP(
        "problems", "The column \"{column}\" is missing."),
    "io.bad_date": QT_TRANSLATE_NOOP("problems", "\"{value}\" is not a date SellerDesk can read."),
    "io.encoding": QT_TRANSLATE_NOOP(
        "problems", "The file's text encoding could not be recognised (tried {tried})."),
    "identity.invalid": QT_TRANSLATE_NOOP("problems", "The identity code \"{code}\" is not valid."),
    "company.name_required": QT_TRANSLATE_NOOP("problems", "The company name is required."),
    "company.unknown_kind": QT_TRANSLATE_NOOP(
        "problems", "Unknown seller kind \"{kind}\" (enterprise, individual-business or individual)."),
})

register({
    "company.exists": QT_TRANSLATE_NOOP("problems", "This company file already has a company."),
})

register({
    "io.unknown_reader": QT_TRANSLATE_NOOP(
        "problems", "There is no reader called \"{name}\". Known readers: {known}."),
})

register({
    "keychain.unavailable": QT_TRANSLATE_NOOP("problems", "Secrets cannot be stored: {reason}"),
})

register({
    "attention.fx_missing_rates": QT_TRANSLATE_NOOP(
        "problems", "{count} FX record(s) wait for their month's SAFE rate ({batches})."),
    "attention.stock_alerts": QT_TRANSLATE_NOOP(
        "problems", "{count} stock alert(s): low stock, short cover or aged stock."),
    "attention.sync_issues": QT_TRANSLATE_NOOP(
        "problems",
        "The platform refused {failed} change(s) and {conflicts} record(s) are in conflict: see Sync."),
})

register({
    "attention.refused.filing": QT_TRANSLATE_NOOP(
        "problems", "rejected by the platform: {reason}. Correct the filing and submit it again."),
    "attention.refused.product": QT_TRANSLATE_NOOP(
        "problems", "The product filing of {label} was rejected: {reason}. Correct the product "
        "and submit it again."),
    "attention.refused.declaration": QT_TRANSLATE_NOOP(
        "problems", "Customs rejected the export list {label}: {reason}. Fix the list and "
        "declare it again."),
    "attention.refused.fx_record": QT_TRANSLATE_NOOP(
        "problems", "The platform refused the FX record of {label}: {reason}. Correct it and "
        "sync again."),
    "attention.refused.fx_registration": QT_TRANSLATE_NOOP(
        "problems", "The platform refused your 名录 registration: {reason}."),
    "attention.refused.tax_record": QT_TRANSLATE_NOOP(
        "problems", "The platform refused the tax record {label}: {reason}. Correct it and "
        "sync again."),
    "attention.refused.other": QT_TRANSLATE_NOOP(
        "problems", "The platform turned down {label}: {reason}."),
    "sync.summary_refused": QT_TRANSLATE_NOOP(
        "problems", "{count} rejected: {items}"),
})

