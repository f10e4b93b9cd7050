"""Problem messages of the orders area: reports, settlements, declarations, CEB messages."""

from seller_desk.i18n import QT_TRANSLATE_NOOP
from seller_desk.messages import register
from seller_desk.settings import SettingDef, declare

register({
    "orders.settlement_unbalanced": QT_TRANSLATE_NOOP(
        "problems",
        "Settlement {settlement} does not add up: its total is {total} but its lines sum to {lines_total} (difference {difference})."),
    "orders.row_width": QT_TRANSLATE_NOOP(
        "problems", "The row has {found} fields but the header has {expected}."),
    "orders.no_summary_row": QT_TRANSLATE_NOOP(
        "problems", "Settlement {settlement} has no summary row (total, currency, dates) above its lines."),
    "orders.bad_quantity": QT_TRANSLATE_NOOP("problems", "\"{value}\" is not a whole quantity."),
    "orders.currency_unknown": QT_TRANSLATE_NOOP(
        "problems", "The currency of \"{file}\" cannot be told from the file; choose it before importing."),
    "orders.row_total_mismatch": QT_TRANSLATE_NOOP(
        "problems", "The row's total {total} differs from the sum of its amounts {sum}."),
    "orders.order_id_missing": QT_TRANSLATE_NOOP("problems", "The order number is empty."),
    "orders.sku_unmapped": QT_TRANSLATE_NOOP(
        "problems", "SKU \"{sku}\" matches no product yet; map it to a product (its order lines keep the SKU until then)."),
    "orders.mapping_missing": QT_TRANSLATE_NOOP(
        "problems", "\"{file}\" needs a column mapping: say which column holds the order number, date, SKU, quantity and amount."),
    "orders.mapping_field_missing": QT_TRANSLATE_NOOP(
        "problems", "The column mapping does not say which column holds \"{field}\"."),
    "orders.booking_empty": QT_TRANSLATE_NOOP(
        "problems", "Overseas-warehouse booking {booking} has no goods."),
    "orders.product_not_found": QT_TRANSLATE_NOOP("problems", "Product {product} does not exist."),
    "orders.stock_refused": QT_TRANSLATE_NOOP(
        "problems", "Order {order}: the sale was not posted to warehouse {warehouse} ({reason})."),
    "orders.order_not_found": QT_TRANSLATE_NOOP("problems", "Order {order} does not exist."),
    "orders.no_company": QT_TRANSLATE_NOOP(
        "problems", "Set up the company profile before declaring exports."),
    "orders.product_customs_missing": QT_TRANSLATE_NOOP(
        "problems", "Product \"{sku}\" has no HS code or declared name; complete it in Products first."),
    # declarations and the three-document match (三单对碰)
    "customs.unknown_trade_mode": QT_TRANSLATE_NOOP(
        "problems", "\"{mode}\" is not an export trade mode (9610, 1210, 9710 or 9810)."),
    "customs.trade_mode_not_in_force": QT_TRANSLATE_NOOP(
        "problems", "Trade mode {mode} applies only from {since}; the export date is {date}."),
    "customs.full_declaration_needed": QT_TRANSLATE_NOOP(
        "problems",
        "This {mode} consignment needs a full customs declaration (报关单), not a list: {reason}."),
    "customs.order_not_found": QT_TRANSLATE_NOOP(
        "problems", "No order {order_no} from platform {ebp_code} matches the list."),
    "customs.waybill_not_found": QT_TRANSLATE_NOOP(
        "problems", "No waybill {logistics_no} of logistics company {logistics_code} matches the list."),
    "customs.line_missing_in_order": QT_TRANSLATE_NOOP(
        "problems", "List line {gnum} has no order line with the same number."),
    "customs.line_missing_in_list": QT_TRANSLATE_NOOP(
        "problems", "Order line {gnum} is not on the list."),
    "customs.mismatch": QT_TRANSLATE_NOOP(
        "problems", "{what} differs: the order says {order}, the list says {list}."),
    "customs.line_mismatch": QT_TRANSLATE_NOOP(
        "problems", "Line {gnum}: {what} differs: the order says {order}, the list says {list}."),
    "customs.line_total_wrong": QT_TRANSLATE_NOOP(
        "problems", "Line {gnum}: quantity {qty} × price {price} is {expected}, not {total}."),
    "customs.waybill_mismatch": QT_TRANSLATE_NOOP(
        "problems", "{what} differs: the waybill says {waybill}, the list says {list}."),
    "customs.value_cny_missing": QT_TRANSLATE_NOOP(
        "problems", "The CNY value of this {mode} consignment is unknown, so the CNY 5,000 list limit cannot be checked."),
    "customs.cancel_needs_list_no": QT_TRANSLATE_NOOP(
        "problems", "List {cop_no} has no customs list number yet, so there is nothing to withdraw."),
    "customs.shipment_missing": QT_TRANSLATE_NOOP(
        "problems", "9810 list {cop_no} names no head-haul shipment to the overseas warehouse."),
    "orders.already_declared": QT_TRANSLATE_NOOP(
        "problems", "Order {order} already has the export list {cop_no} for that day: open it "
        "on the Declarations tab instead of declaring again."),
    "customs.summary_overdue": QT_TRANSLATE_NOOP(
        "problems", "The summary declaration of the lists cleared in {month} was due on {due}."),
    "customs.summary_due_soon": QT_TRANSLATE_NOOP(
        "problems", "The summary declaration of the lists cleared in {month} is due on {due} ({days} days left)."),
    # CEB messages
    "ceb.required": QT_TRANSLATE_NOOP("problems", "{message}: {field} is required."),
    "ceb.too_long": QT_TRANSLATE_NOOP(
        "problems", "{message}: {field} \"{value}\" is longer than {max} characters."),
    "ceb.bad_length": QT_TRANSLATE_NOOP(
        "problems", "{message}: {field} \"{value}\" must be exactly {length} characters."),
    "ceb.bad_value": QT_TRANSLATE_NOOP(
        "problems", "{message}: {field} \"{value}\" is not allowed ({allowed})."),
    "ceb.bad_decimal": QT_TRANSLATE_NOOP(
        "problems", "{message}: {field} {value} has more than 5 decimals or 19 digits."),
    "ceb.no_code": QT_TRANSLATE_NOOP(
        "problems", "{message}: there is no customs code for {kind} \"{value}\"."),
    "ceb.too_many": QT_TRANSLATE_NOOP(
        "problems", "{message}: {count} {what} exceed the limit of {max}."),
    "ceb.not_a_receipt": QT_TRANSLATE_NOOP(
        "problems", "\"{file}\" is not a CEB receipt SellerDesk reads ({root})."),
    "ceb.unreadable": QT_TRANSLATE_NOOP("problems", "\"{file}\" is not well-formed XML: {reason}"),
    "ceb.receipt_field_missing": QT_TRANSLATE_NOOP(
        "problems", "\"{file}\": the receipt has no {field}."),
    "ceb.receipt_unmatched": QT_TRANSLATE_NOOP(
        "problems", "\"{file}\": no record matches the receipt for {keys}."),
    "ceb.has_problems": QT_TRANSLATE_NOOP(
        "problems", "Declaration {cop_no} has problems and was not written to XML."),
})

# The orders area's company settings are declared here so their labels sit in the orders
# catalogue (lupdate reads ui/ and messages/); the service imports this module.
declare(
    SettingDef("customs.customs_code", str, "", QT_TRANSLATE_NOOP(
        "settings", "Customs office of declaration (4 digits)")),
    SettingDef("customs.port_code", str, "", QT_TRANSLATE_NOOP(
        "settings", "Exit port customs code (4 digits)")),
    SettingDef("customs.dxp_id", str, "", QT_TRANSLATE_NOOP("settings", "DXP id (E-port)")),
    SettingDef("customs.agent_code", str, "", QT_TRANSLATE_NOOP(
        "settings", "Declarant customs code (empty: the company itself)")),
    SettingDef("customs.agent_name", str, "", QT_TRANSLATE_NOOP("settings", "Declarant name")),
    SettingDef("customs.decl_agent_code", str, "", QT_TRANSLATE_NOOP(
        "settings", "Customs broker code for summary declarations")),
    SettingDef("customs.decl_agent_name", str, "", QT_TRANSLATE_NOOP(
        "settings", "Customs broker name for summary declarations")),
    SettingDef("customs.traf_mode", str, "5", QT_TRANSLATE_NOOP(
        "settings", "Usual transport mode of parcels")),
    SettingDef("customs.wrap_type", str, "2", QT_TRANSLATE_NOOP("settings", "Usual packing type")),
    SettingDef("orders.stock_warehouses", str, "", QT_TRANSLATE_NOOP(
        "settings", "Warehouse of each marketplace or store for order stock (amazon.de=DE-GC)")),
    SettingDef("customs.signature_algorithm", str, "", QT_TRANSLATE_NOOP(
        "settings", "Signature algorithm URI (signing needs the E-port card and client)")),
)
