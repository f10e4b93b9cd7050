"""Messages of the stock area: the movement ledger, transfers, shipments, warehouse reports."""

from seller_desk.i18n import QT_TRANSLATE_NOOP
from seller_desk.messages import register

register({
    "stock.negative_on_hand": QT_TRANSLATE_NOOP(
        "problems",
        "{sku} in warehouse {warehouse} would go below zero on {date} (on hand {on_hand}). Record the receipt first, or allow negative stock for this warehouse."),
    "stock.unknown_kind": QT_TRANSLATE_NOOP("problems", "Unknown movement kind \"{kind}\"."),
    "stock.sku_required": QT_TRANSLATE_NOOP("problems", "The SKU is required."),
    "stock.warehouse_required": QT_TRANSLATE_NOOP("problems", "The warehouse is required."),
    "stock.zero_quantity": QT_TRANSLATE_NOOP("problems", "The quantity of {sku} is zero."),
    "stock.wrong_sign": QT_TRANSLATE_NOOP(
        "problems", "A {kind} cannot have the quantity {quantity}: check its direction."),
    "stock.reason_required": QT_TRANSLATE_NOOP(
        "problems", "An adjustment of {sku} needs a reason."),
    "stock.negative_cost": QT_TRANSLATE_NOOP(
        "problems", "The unit cost of {sku} cannot be negative ({cost})."),
    "stock.bad_transfer_state": QT_TRANSLATE_NOOP(
        "problems", "A transfer that is {current} cannot become {new}."),
    "stock.same_warehouse": QT_TRANSLATE_NOOP(
        "problems", "A transfer needs two different warehouses ({warehouse} twice)."),
    "stock.duplicate_line": QT_TRANSLATE_NOOP(
        "problems", "{sku} is on two lines: put it on one line."),
    "stock.quantity_positive": QT_TRANSLATE_NOOP(
        "problems", "The quantity of {sku} must be more than zero (it is {quantity})."),
    "stock.no_lines": QT_TRANSLATE_NOOP("problems", "There are no lines."),
    "stock.received_before_shipped": QT_TRANSLATE_NOOP(
        "problems", "Received on {received}, before it was shipped on {shipped}."),
    "stock.received_required": QT_TRANSLATE_NOOP(
        "problems", "Enter how many units of {sku} arrived (0 if none)."),
    "stock.over_receipt_reason": QT_TRANSLATE_NOOP(
        "problems",
        "{received} units of {sku} arrived but only {shipped} were shipped: give a reason."),
    "stock.unknown_trade_mode": QT_TRANSLATE_NOOP(
        "problems", "Unknown trade mode \"{mode}\" (9810, 9710 or 0110 general trade)."),
    "stock.booking_required": QT_TRANSLATE_NOOP(
        "problems", "A 9810 shipment needs its warehouse booking (订仓单) number."),
    "stock.order_required": QT_TRANSLATE_NOOP(
        "problems", "A 9710 shipment needs the order number."),
    "stock.full_declaration": QT_TRANSLATE_NOOP(
        "problems",
        "Declared value CNY {value} is over 5,000: a {mode} shipment this size needs a full customs declaration, not a list."),
    "stock.unknown_basis": QT_TRANSLATE_NOOP(
        "problems", "Unknown allocation basis \"{basis}\" (quantity, weight, volume or value)."),
    "stock.negative_basis": QT_TRANSLATE_NOOP(
        "problems", "The {basis} of {sku} cannot be negative."),
    "stock.basis_all_zero": QT_TRANSLATE_NOOP(
        "problems", "Every line has a {basis} of zero: enter them, or allocate by another basis."),
    "stock.amount_not_rounded": QT_TRANSLATE_NOOP(
        "problems", "{amount} {currency} has more decimals than the currency allows."),
    "stock.bad_rate": QT_TRANSLATE_NOOP(
        "problems", "The exchange rate {rate} of the fee {fee} must be more than zero."),
    "stock.report_duplicate_sku": QT_TRANSLATE_NOOP(
        "problems", "{sku} appears more than once in the report; the quantities were added."),
    "stock.unknown_sku": QT_TRANSLATE_NOOP(
        "problems", "The report lists {sku}, which is not in your products. Add the product or correct the SKU; it was not created."),
    "stock.alert.out_of_stock": QT_TRANSLATE_NOOP(
        "problems", "{sku} is out of stock in {warehouse} ({in_transit} in transit)."),
    "stock.alert.low_stock": QT_TRANSLATE_NOOP(
        "problems", "{sku} is low in {warehouse}: {on_hand} on hand."),
    "stock.alert.low_cover": QT_TRANSLATE_NOOP(
        "problems", "{sku} in {warehouse} lasts {days} days at the current sales."),
    "stock.alert.aged_stock": QT_TRANSLATE_NOOP(
        "problems", "{units} units of {sku} in {warehouse} have been there a long time."),
    "stock.report_bad_quantity": QT_TRANSLATE_NOOP(
        "problems", "\"{value}\" is not a whole number of units."),
    "stock.report_sku_missing": QT_TRANSLATE_NOOP("problems", "The SKU is empty."),
    "stock.mapping_incomplete": QT_TRANSLATE_NOOP(
        "problems", "Say which column holds the {field} (the file's columns: {columns})."),
    "stock.unknown_warehouse_kind": QT_TRANSLATE_NOOP(
        "problems",
        "Unknown warehouse kind \"{kind}\" (domestic, bonded, fba, third_party or own_overseas)."),
    "stock.bad_country": QT_TRANSLATE_NOOP(
        "problems", "\"{country}\" is not a two-letter country code (US, DE, CN…)."),
    "stock.warehouse_exists": QT_TRANSLATE_NOOP(
        "problems", "There is already a warehouse with the code {code}."),
    "stock.use_transfer": QT_TRANSLATE_NOOP(
        "problems", "A {kind} movement is made by shipping or receiving a transfer."),
    "stock.unknown_product": QT_TRANSLATE_NOOP(
        "problems", "There is no product with the SKU {sku}: add it on the Products page first."),
    "stock.unknown_warehouse": QT_TRANSLATE_NOOP(
        "problems", "There is no warehouse with the code {warehouse}."),
    "stock.choose_warehouse": QT_TRANSLATE_NOOP(
        "problems", "Say which warehouse this report is for ({candidates})."),
    "stock.shipment_exists": QT_TRANSLATE_NOOP(
        "problems", "There is already a shipment numbered {number}."),
    "stock.shipment_closed": QT_TRANSLATE_NOOP(
        "problems", "Shipment {number} is {state}: its fees can no longer change."),
    "stock.shipment_not_draft": QT_TRANSLATE_NOOP(
        "problems",
        "Shipment {number} is {state}: only a draft can be changed (its fees can, until it is received)."),
    "stock.unknown_shipment": QT_TRANSLATE_NOOP("problems", "There is no shipment {number}."),
    "stock.not_on_shipment": QT_TRANSLATE_NOOP(
        "problems", "{sku} is not on shipment {number}."),
    "stock.unknown_reconciliation": QT_TRANSLATE_NOOP(
        "problems", "There is no reconciliation {id}."),
    "stock.reconciliation_closed": QT_TRANSLATE_NOOP(
        "problems", "Reconciliation {id} is {state}: it cannot be decided again."),
})
