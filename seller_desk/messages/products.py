"""Messages of the products area: product master, HS codes, listings, negative lists, imports."""

from seller_desk.i18n import QT_TRANSLATE_NOOP
from seller_desk.messages import register

register({
    # HS codes
    "products.hs.empty": QT_TRANSLATE_NOOP("problems", "The HS code is empty."),
    "products.hs.format": QT_TRANSLATE_NOOP(
        "problems", "The HS code \"{code}\" must be exactly {length} digits."),
    "products.hs.prefix_format": QT_TRANSLATE_NOOP(
        "problems", "The HS prefix \"{code}\" must be 2 to 10 digits."),
    "products.hs.chapter_reserved": QT_TRANSLATE_NOOP(
        "problems", "The HS code \"{code}\" is in chapter {chapter}, which is reserved and has no goods."),
    "products.hs.chapter_unknown": QT_TRANSLATE_NOOP(
        "problems", "The HS code \"{code}\" starts with {chapter}, which is not an HS chapter (01 to 97)."),
    "products.hs.missing": QT_TRANSLATE_NOOP(
        "problems", "No HS code yet: customs declarations need one."),
    "products.hs.not_in_table": QT_TRANSLATE_NOOP(
        "problems", "The HS code \"{code}\" is not in your HS table: its legal units and refund rate are unknown."),
    "products.hs.no_legal_unit": QT_TRANSLATE_NOOP(
        "problems", "The HS code {code} has no first legal unit yet: declarations of it will need one."),
    "products.refund_rate_range": QT_TRANSLATE_NOOP(
        "problems", "The export refund rate {rate} must be between 0 and 17%."),
    # Product fields
    "products.required": QT_TRANSLATE_NOOP("problems", "This field is required."),
    "products.name_required": QT_TRANSLATE_NOOP(
        "problems", "Give the product a Chinese or an English name."),
    "products.text_too_long": QT_TRANSLATE_NOOP(
        "problems", "The text is {length} characters long; customs accept at most {max}."),
    "products.declared_name_missing": QT_TRANSLATE_NOOP(
        "problems", "No declared Chinese name (申报品名) yet: customs declarations need one."),
    "products.unit_unknown": QT_TRANSLATE_NOOP(
        "problems", "\"{unit}\" is not a customs unit code (for example 007 piece, 035 kilogram)."),
    "products.unit2_without_unit1": QT_TRANSLATE_NOOP(
        "problems", "A second legal unit needs a first legal unit."),
    "products.legal_unit_mismatch": QT_TRANSLATE_NOOP(
        "problems", "The legal unit {unit} differs from the unit {tariff_unit} your HS table gives for {code}."),
    "products.country_unknown": QT_TRANSLATE_NOOP(
        "problems", "\"{country}\" is not an ISO country code (for example CN or CHN)."),
    "products.not_positive": QT_TRANSLATE_NOOP("problems", "{value} must be greater than zero."),
    "products.net_over_gross": QT_TRANSLATE_NOOP(
        "problems", "The net weight {net} kg is more than the gross weight {gross} kg."),
    "products.negative_cost": QT_TRANSLATE_NOOP("problems", "The unit cost {value} is negative."),
    "products.weight_unit": QT_TRANSLATE_NOOP(
        "problems", "\"{value}\": unknown weight unit \"{unit}\" (use kg, g, lb or oz)."),
    "products.not_found": QT_TRANSLATE_NOOP("problems", "There is no product \"{sku}\"."),
    "products.stale": QT_TRANSLATE_NOOP(
        "problems", "The product \"{sku}\" was changed elsewhere since you opened it. Reload it and try again."),
    "products.listing_stale": QT_TRANSLATE_NOOP(
        "problems", "The listing \"{msku}\" was changed elsewhere since you opened it. Reload it and try again."),
    "products.msku_taken": QT_TRANSLATE_NOOP(
        "problems", "The store \"{store}\" already has a listing with the marketplace SKU \"{msku}\"."),
    "products.listing_not_found": QT_TRANSLATE_NOOP("problems", "There is no listing {id}."),
    "products.sku.taken": QT_TRANSLATE_NOOP(
        "problems", "Another product already has the SKU \"{sku}\"."),
    # SKU and barcodes
    "products.sku.empty": QT_TRANSLATE_NOOP("problems", "The SKU is empty."),
    "products.sku.spaces": QT_TRANSLATE_NOOP(
        "problems", "The SKU \"{sku}\" starts or ends with a space."),
    "products.sku.control": QT_TRANSLATE_NOOP(
        "problems", "The SKU \"{sku}\" contains a tab, line break or other invisible character."),
    "products.sku.too_long": QT_TRANSLATE_NOOP(
        "problems", "The SKU \"{sku}\" is longer than {max} characters."),
    "products.sku.long_for_declaration": QT_TRANSLATE_NOOP(
        "problems", "The SKU \"{sku}\" is longer than {max} characters: customs declarations will need a shorter item number."),
    "products.barcode.format": QT_TRANSLATE_NOOP(
        "problems", "The barcode \"{barcode}\" must be 8, 12, 13 or 14 digits (or 无 for none)."),
    "products.barcode.check_digit": QT_TRANSLATE_NOOP(
        "problems", "The barcode \"{barcode}\" has a wrong check digit."),
    # Listings
    "products.platform_unknown": QT_TRANSLATE_NOOP("problems", "Unknown marketplace \"{platform}\"."),
    "products.status_unknown": QT_TRANSLATE_NOOP("problems", "Unknown listing status \"{status}\"."),
    "products.fulfilment_unknown": QT_TRANSLATE_NOOP(
        "problems", "Unknown fulfilment channel \"{fulfilment}\" (merchant, fba or overseas-3pl)."),
    "products.negative_price": QT_TRANSLATE_NOOP("problems", "The price {value} is negative."),
    "products.negative_quantity": QT_TRANSLATE_NOOP("problems", "The quantity {value} is negative."),
    "products.asin_format": QT_TRANSLATE_NOOP(
        "problems", "\"{asin}\" is not an ASIN (B0 and 8 letters or digits, or an ISBN-10)."),
    "products.not_a_quantity": QT_TRANSLATE_NOOP("problems", "\"{value}\" is not a whole number."),
    "products.not_a_flag": QT_TRANSLATE_NOOP(
        "problems", "\"{value}\" is not yes or no (use 1/0, yes/no or 是/否)."),
    "products.currency_missing": QT_TRANSLATE_NOOP(
        "problems", "The amount has no currency: add a currency column or choose a currency for the file."),
    # Negative lists
    "products.list.prohibited_mail": QT_TRANSLATE_NOOP(
        "problems", "On the prohibited-mail list ({match}): {reason}"),
    "products.list.refund_cancelled": QT_TRANSLATE_NOOP(
        "problems", "Export refund cancelled ({match}): {reason}"),
    "products.list.licence_required": QT_TRANSLATE_NOOP(
        "problems", "Licence or inspection required ({match}): {reason}"),
    "products.list.kind_unknown": QT_TRANSLATE_NOOP(
        "problems", "Unknown list \"{kind}\" (prohibited-mail, refund-cancelled or licence-required)."),
    "products.list.no_match_rule": QT_TRANSLATE_NOOP(
        "problems", "A list entry needs an HS prefix or a keyword."),
    # Imports
    "products.import.duplicate_sku": QT_TRANSLATE_NOOP(
        "problems", "The SKU \"{sku}\" appears more than once in the file (rows {rows})."),
    "products.import.duplicate_msku": QT_TRANSLATE_NOOP(
        "problems", "The marketplace SKU \"{msku}\" appears more than once in the file (rows {rows})."),
    "products.import.duplicate_row": QT_TRANSLATE_NOOP(
        "problems", "\"{key}\" appears more than once in the file (rows {rows})."),
    "products.import.truncated": QT_TRANSLATE_NOOP(
        "problems", "The row has {found} cells but the header has {expected}: the file may be cut off."),
    "products.import.details_unreadable": QT_TRANSLATE_NOOP(
        "problems", "\"{value}\" is not a list of details as SellerDesk exports them (a JSON object of texts)."),
    "products.import.no_rows": QT_TRANSLATE_NOOP("problems", "The file has a header but no data rows."),
    "products.import.mapping_missing": QT_TRANSLATE_NOOP(
        "problems", "The mapping names the column \"{column}\" for {target}, but the file has no such column."),
    "products.import.mapping_target": QT_TRANSLATE_NOOP(
        "problems", "The mapping names the field \"{target}\", which SellerDesk does not import."),
    "products.import.mapping_required": QT_TRANSLATE_NOOP(
        "problems", "The mapping must name a column for {target}."),
    "products.import.unknown_marketplace": QT_TRANSLATE_NOOP(
        "problems", "Unknown Amazon marketplace \"{marketplace}\" (for example US, DE, UK, JP)."),
    "products.import.marketplace_guessed": QT_TRANSLATE_NOOP(
        "problems", "The report does not say its marketplace; SellerDesk assumed Amazon {marketplace}. Choose the marketplace if that is wrong."),
    "products.import.no_currency": QT_TRANSLATE_NOOP(
        "problems", "The file has no currency: prices were not imported. Choose the shop's site (PH, MY, SG…) to import them."),
})
