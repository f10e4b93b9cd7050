"""Messages of hostile input: numbers out of their declared range, cells cleaned or refused."""

from seller_desk.i18n import QT_TRANSLATE_NOOP
from seller_desk.messages import register

register({
    "fields.out_of_range": QT_TRANSLATE_NOOP(
        "problems", "{value} is out of range for this column (at most {limit} either way)."),
    "fields.too_many_places": QT_TRANSLATE_NOOP(
        "problems", "{value} has more than {places} decimal places."),
    "fields.not_whole": QT_TRANSLATE_NOOP(
        "problems", "{value} is not a whole number."),
    "fields.not_a_number": QT_TRANSLATE_NOOP("problems", "{value} is not a number."),
    "fields.must_be_positive": QT_TRANSLATE_NOOP(
        "problems", "This value must be more than zero on a row of this type (it is {value})."),
    "fields.must_be_non_negative": QT_TRANSLATE_NOOP(
        "problems", "This value cannot be negative on a row of this type (it is {value})."),
    "fields.must_be_negative": QT_TRANSLATE_NOOP(
        "problems", "This value must be below zero on a row of this type (it is {value})."),
    "fields.must_be_non_positive": QT_TRANSLATE_NOOP(
        "problems", "This value cannot be more than zero on a row of this type (it is {value})."),
    "io.cell_required": QT_TRANSLATE_NOOP(
        "problems", "The column \"{column}\" is empty on this row; it is required."),
    "io.cell_too_long": QT_TRANSLATE_NOOP(
        "problems", "This cell holds {length} characters; a cell holds at most {limit}."),
    "io.control_characters_removed": QT_TRANSLATE_NOOP(
        "problems", "{count} control character(s) were removed from this cell."),
    "io.unknown_encoding": QT_TRANSLATE_NOOP(
        "problems", "\"{encoding}\" is not a text encoding SellerDesk knows (try gb18030, "
                    "utf-8, cp1252 or shift_jis)."),
    "sync.too_deep": QT_TRANSLATE_NOOP(
        "problems", "The record is nested deeper than the platform accepts ({limit} levels)."),
    "sync.too_many_keys": QT_TRANSLATE_NOOP(
        "problems", "The record has more fields and items than the platform accepts ({limit})."),
    "sync.too_long": QT_TRANSLATE_NOOP(
        "problems", "A text of the record is longer than the platform accepts ({limit})."),
    "sync.number_out_of_range": QT_TRANSLATE_NOOP(
        "problems", "A number of the record is larger than the platform accepts ({limit})."),
    "sync.pin_mismatch": QT_TRANSLATE_NOOP(
        "problems", "The platform at {url} showed a certificate ({found}) other than the one "
                    "in the connection line ({expected}). Nothing was sent; ask the trainer."),
    "sync.connection_bad_pin": QT_TRANSLATE_NOOP(
        "problems", "The certificate fingerprint \"{value}\" in the connection line is not "
                    "valid (sellerdesks://…&pin=sha256:…)."),
    "sync.connection_from_stdin": QT_TRANSLATE_NOOP(
        "problems", "No connection line was given: paste it on standard input or name a file "
                    "with --connection-file."),
})
