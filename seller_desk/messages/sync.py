"""Messages of the sync area: the platform's refusals and what stopped a sync run."""

from seller_desk.i18n import QT_TRANSLATE_NOOP
from seller_desk.messages import register
from seller_desk.settings import SettingDef, declare

declare(SettingDef("sync.ca_bundle", str, "",
                   QT_TRANSLATE_NOOP("settings", "CA certificate file for the platform (optional)")))

register({
    # connection strings and server addresses
    "sync.connection_bad_scheme": QT_TRANSLATE_NOOP(
        "problems", "\"{value}\" is not a SellerDesk connection string (it starts with sellerdesk://)."),
    "sync.connection_bad_port": QT_TRANSLATE_NOOP(
        "problems", "The port in \"{value}\" is not a number."),
    "sync.connection_no_host": QT_TRANSLATE_NOOP(
        "problems", "The connection string \"{value}\" names no server."),
    "sync.connection_no_token": QT_TRANSLATE_NOOP(
        "problems", "The connection string has no token (…?token=…)."),
    "sync.bad_server_url": QT_TRANSLATE_NOOP(
        "problems", "\"{value}\" is not a server address (it starts with http:// or https://)."),
    # record validation on the platform
    "sync.field_required": QT_TRANSLATE_NOOP("problems", "The field \"{field}\" is required."),
    "sync.bad_hs_code": QT_TRANSLATE_NOOP(
        "problems", "\"{value}\" is not a 10-digit HS code."),
    "sync.bad_type": QT_TRANSLATE_NOOP("problems", "The field \"{field}\" has the wrong type."),
    "sync.unknown_entity": QT_TRANSLATE_NOOP(
        "problems", "The platform does not know records of kind \"{entity}\"."),
    "sync.bad_op": QT_TRANSLATE_NOOP(
        "problems", "\"{op}\" is not a change the platform knows (upsert or delete)."),
    "sync.bad_uuid": QT_TRANSLATE_NOOP("problems", "\"{value}\" is not a record id."),
    "sync.idempotency_key_reused": QT_TRANSLATE_NOOP(
        "problems", "The change key {key} was already used for a different change."),
    "sync.version_conflict": QT_TRANSLATE_NOOP(
        "problems",
        "The record was changed on the platform (version {current}) after the version this change was made on ({base})."),
    "sync.too_large": QT_TRANSLATE_NOOP(
        "problems", "The request is larger than the platform accepts ({limit} bytes)."),
    "sync.bad_encoding": QT_TRANSLATE_NOOP(
        "problems", "The platform cannot read a request body encoded as \"{encoding}\"."),
    "sync.bad_cursor": QT_TRANSLATE_NOOP(
        "problems", "The platform does not recognise the sync position \"{value}\"."),
    "sync.bad_request": QT_TRANSLATE_NOOP("problems", "The request was malformed: {reason}"),
    "sync.ceb_doctype": QT_TRANSLATE_NOOP(
        "problems", "CEB messages may not contain a document type declaration."),
    "sync.ceb_not_xml": QT_TRANSLATE_NOOP("problems", "The CEB message is not XML: {reason}"),
    "sync.ceb_wrong_namespace": QT_TRANSLATE_NOOP(
        "problems", "The message is not in the CEB namespace (found \"{namespace}\")."),
    "sync.ceb_missing": QT_TRANSLATE_NOOP(
        "problems", "The CEB message has no {element} element."),
    "sync.ceb_unsupported": QT_TRANSLATE_NOOP(
        "problems", "The platform does not accept {kind} messages."),
    # what stopped a sync run
    "sync.bad_response": QT_TRANSLATE_NOOP(
        "problems", "The platform's answer could not be understood ({reason})."),
    "sync.unreachable": QT_TRANSLATE_NOOP(
        "problems",
        "Could not reach the platform at {server} after {attempts} attempts ({reason}). Nothing was lost: the changes wait for the next sync."),
    "sync.tls_failed": QT_TRANSLATE_NOOP(
        "problems",
        "The platform at {server} did not prove its identity (its certificate does not verify): {reason}. If your trainer gave you a CA certificate, set it in the connection settings."),
    "sync.token_expired": QT_TRANSLATE_NOOP(
        "problems", "The platform token has expired. Ask your trainer or the platform for a new one and connect again."),
    "sync.token_rejected": QT_TRANSLATE_NOOP(
        "problems", "The platform at {server} does not accept this token. Check the connection string."),
    "sync.server_refused": QT_TRANSLATE_NOOP(
        "problems", "The platform refused the request (HTTP {status}): {detail}"),
    "sync.cancelled": QT_TRANSLATE_NOOP(
        "problems", "Sync was cancelled; what was not sent waits for the next sync."),
    "sync.no_keychain": QT_TRANSLATE_NOOP(
        "problems",
        "The platform token cannot be kept: {reason}"),
    "sync.keychain_failed": QT_TRANSLATE_NOOP(
        "problems", "The keychain could not be used ({reason})."),
    "sync.no_such_issue": QT_TRANSLATE_NOOP(
        "problems", "Change {id} is not waiting for a decision (it was sent or removed)."),
    "sync.not_a_conflict": QT_TRANSLATE_NOOP(
        "problems", "Change {id} is not in conflict with the platform."),
    "sync.cannot_take_theirs": QT_TRANSLATE_NOOP(
        "problems", "SellerDesk cannot yet take the platform's version of a {entity} record: keep yours or discard it."),
    "sync.not_connected": QT_TRANSLATE_NOOP(
        "problems", "No platform server is set. Connect first (server address and token, or a connection string)."),
    "sync.apply_failed": QT_TRANSLATE_NOOP(
        "problems", "The platform's update of {entity} {uuid} could not be applied here: {reason}"),
    "sync.already_running": QT_TRANSLATE_NOOP(
        "problems", "A sync is already running; this one was not started."),
    "sync.no_token": QT_TRANSLATE_NOOP(
        "problems", "No token is stored for {server}. Connect first (or pass --token)."),
})
