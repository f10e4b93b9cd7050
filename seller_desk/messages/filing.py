"""Messages of the filing area: identity codes, filings, the document vault, the profile."""

from seller_desk.i18n import QT_TRANSLATE_NOOP
from seller_desk.messages import register

register({
    # --- identity codes (seller_desk.core.identity)
    "identity.empty": QT_TRANSLATE_NOOP("problems", "The code is empty."),
    "identity.unrecognised": QT_TRANSLATE_NOOP(
        "problems",
        "A code of {length} characters is neither a USCC (18), a resident ID number (18) nor a customs registration code (10)."),
    "identity.kind_mismatch.enterprise": QT_TRANSLATE_NOOP(
        "problems",
        "A USCC starting with {code} belongs to an enterprise, but the profile says the seller is of another kind; please check the kind."),
    "identity.kind_mismatch.individual_business": QT_TRANSLATE_NOOP(
        "problems",
        "A USCC starting with {code} belongs to an individual business (个体工商户), but the profile says the seller is of another kind; please check the kind."),
    "identity.uscc.length": QT_TRANSLATE_NOOP(
        "problems", "A USCC has 18 characters; this one has {length}."),
    "identity.uscc.bad_char": QT_TRANSLATE_NOOP(
        "problems", "Position {position}: \"{char}\" is not allowed in a USCC (digits and capital letters only)."),
    "identity.uscc.excluded_letter": QT_TRANSLATE_NOOP(
        "problems",
        "Position {position}: the letter \"{char}\" is never used in a USCC (I, O, Z, S and V are left out; did you mean 1, 0, 2, 5 or U?)."),
    "identity.uscc.unknown_authority": QT_TRANSLATE_NOOP(
        "problems",
        "Position 1: authority code \"{char}\" is not in the table of registration authority codes ({known}); the check character is right, so please make sure the code was copied correctly."),
    "identity.uscc.unknown_entity_type": QT_TRANSLATE_NOOP(
        "problems",
        "Position 2: entity type \"{char}\" is not one the authority \"{authority}\" is known to issue; please check it."),
    "identity.uscc.region_not_digits": QT_TRANSLATE_NOOP(
        "problems", "Positions 3–8: the region code \"{region}\" must be six digits."),
    "identity.uscc.unknown_region": QT_TRANSLATE_NOOP(
        "problems", "Positions 3–8: the region code \"{region}\" does not start with a known province code; please check it."),
    "identity.uscc.region_not_in_table": QT_TRANSLATE_NOOP(
        "problems", "Positions 3–8: the region code \"{region}\" is not in the administrative region table; please check it."),
    "identity.customs.unknown_city": QT_TRANSLATE_NOOP(
        "problems", "Positions 1–4: \"{region}\" is not a known city code of its province; please check it."),
    "identity.uscc.check_char": QT_TRANSLATE_NOOP(
        "problems",
        "Position 18: the check character is \"{actual}\" but the first 17 characters give \"{expected}\"; one of the characters is mistyped."),
    "identity.uscc.org_code_check": QT_TRANSLATE_NOOP(
        "problems",
        "Positions 9–17: the organisation code {organisation_code} fails its own check (expected check character \"{expected}\"). Some issued codes do; please compare it with the licence."),
    "identity.ric.fifteen_digits": QT_TRANSLATE_NOOP(
        "problems",
        "15-digit ID numbers belong to first-generation ID cards, which went out of use on {end}. Please enter the 18-digit number on the current card."),
    "identity.ric.length": QT_TRANSLATE_NOOP(
        "problems", "A resident ID number has 18 characters; this one has {length}."),
    "identity.ric.bad_char": QT_TRANSLATE_NOOP(
        "problems", "Position {position}: \"{char}\" is not a digit; the first 17 characters of an ID number are digits."),
    "identity.ric.bad_last_char": QT_TRANSLATE_NOOP(
        "problems", "Position 18: \"{char}\" is not allowed; the last character is a digit or X."),
    "identity.ric.bad_birth_date": QT_TRANSLATE_NOOP(
        "problems", "Positions 7–14: {date} is not a real date of birth."),
    "identity.ric.birth_in_future": QT_TRANSLATE_NOOP(
        "problems", "Positions 7–14: the date of birth {date} is in the future."),
    "identity.ric.birth_too_early": QT_TRANSLATE_NOOP(
        "problems", "Positions 7–14: the date of birth {date} is implausibly early."),
    "identity.ric.check_char": QT_TRANSLATE_NOOP(
        "problems",
        "Position 18: the check character is \"{actual}\" but the first 17 digits give \"{expected}\"; one of the digits is mistyped."),
    "identity.ric.region_not_in_table": QT_TRANSLATE_NOOP(
        "problems",
        "The number is otherwise correct, but its region code {region} (positions 1–6) is not in the region table for people born in {year}. Please confirm it against the card."),
    "identity.ric.permit.hong-kong": QT_TRANSLATE_NOOP(
        "problems",
        "The number is otherwise correct; its region code {region} is not in the mainland region table because it is a residence permit for Hong Kong residents. Please confirm it against the permit."),
    "identity.ric.permit.macao": QT_TRANSLATE_NOOP(
        "problems",
        "The number is otherwise correct; its region code {region} is not in the mainland region table because it is a residence permit for Macao residents. Please confirm it against the permit."),
    "identity.ric.permit.taiwan": QT_TRANSLATE_NOOP(
        "problems",
        "The number is otherwise correct; its region code {region} is not in the mainland region table because it is a residence permit for Taiwan residents. Please confirm it against the permit."),
    "identity.ric.permit.foreign-permanent-resident": QT_TRANSLATE_NOOP(
        "problems",
        "The number is otherwise correct; its region code {region} starts with 9, as on a foreigner's permanent residence ID card, and is not in the mainland region table. Please confirm it against the card."),
    "identity.ric.rejected": QT_TRANSLATE_NOOP(
        "problems", "The ID number was refused: {reason}"),
    "identity.customs.length": QT_TRANSLATE_NOOP(
        "problems", "A customs registration code has 10 characters; this one has {length}."),
    "identity.customs.region_char": QT_TRANSLATE_NOOP(
        "problems", "Position {position}: \"{char}\" is not a digit; positions 1–4 are the region code."),
    "identity.customs.bad_char": QT_TRANSLATE_NOOP(
        "problems", "Position {position}: \"{char}\" is not allowed (digits and capital letters only)."),
    "identity.customs.unknown_province": QT_TRANSLATE_NOOP(
        "problems", "Positions 1–4: \"{region}\" does not start with a known province code; please check it."),
    "identity.customs.unknown_zone_type": QT_TRANSLATE_NOOP(
        "problems",
        "Position 5: \"{value}\" is not a known economic-zone type (1, 2, 3, 4, 5 or 9); please check it."),
    "identity.customs.unknown_economic_type": QT_TRANSLATE_NOOP(
        "problems",
        "Position 6: \"{value}\" is not a known economic type (1–9); please check it."),
})

_KINDS = {
    "zone_platform": QT_TRANSLATE_NOOP("problems", "Zone platform filing"),
    "customs_declarant": QT_TRANSLATE_NOOP("problems", "Customs declarant filing"),
    "customs_declarant_temporary": QT_TRANSLATE_NOOP("problems", "Temporary customs declarant filing"),
    "customs_cbec_registration": QT_TRANSLATE_NOOP("problems", "Customs CBEC information registration"),
    "fx_list": QT_TRANSLATE_NOOP("problems", "FX goods-trade list registration"),
    "fx_personal_account": QT_TRANSLATE_NOOP("problems", "Individual FX settlement account"),
    "overseas_warehouse_booking": QT_TRANSLATE_NOOP("problems", "Overseas warehouse booking party"),
    "marketplace_store": QT_TRANSLATE_NOOP("problems", "Marketplace store authorisation"),
    "eport_card": QT_TRANSLATE_NOOP("problems", "China E-Port IC card"),
    "mode_9810": QT_TRANSLATE_NOOP("problems", "9810 overseas-warehouse mode filing"),
    "foreign_trade_operator": QT_TRANSLATE_NOOP("problems", "Foreign trade operator filing"),
}
_MISSING = {
    "zone_platform": QT_TRANSLATE_NOOP("problems", "There is no current zone platform filing on record."),
    "customs_declarant": QT_TRANSLATE_NOOP("problems", "There is no current customs declarant filing on record."),
    "customs_declarant_temporary": QT_TRANSLATE_NOOP("problems", "There is no current temporary customs declarant filing on record."),
    "customs_cbec_registration": QT_TRANSLATE_NOOP("problems", "There is no current customs CBEC information registration on record."),
    "fx_list": QT_TRANSLATE_NOOP("problems", "There is no current FX goods-trade list registration on record."),
    "fx_personal_account": QT_TRANSLATE_NOOP("problems", "There is no individual FX settlement account on record."),
    "overseas_warehouse_booking": QT_TRANSLATE_NOOP("problems", "There is no overseas warehouse booking party on record."),
    "marketplace_store": QT_TRANSLATE_NOOP("problems", "There is no marketplace store authorisation on record."),
    "eport_card": QT_TRANSLATE_NOOP("problems", "There is no current China E-Port IC card on record."),
    "mode_9810": QT_TRANSLATE_NOOP("problems", "There is no current 9810 overseas-warehouse mode filing on record."),
    "foreign_trade_operator": QT_TRANSLATE_NOOP("problems", "There is no current foreign trade operator filing on record."),
}
_STATUSES = {
    "draft": QT_TRANSLATE_NOOP("problems", "Draft"),
    "submitted": QT_TRANSLATE_NOOP("problems", "Submitted"),
    "approved": QT_TRANSLATE_NOOP("problems", "Approved"),
    "rejected": QT_TRANSLATE_NOOP("problems", "Rejected"),
    "expired": QT_TRANSLATE_NOOP("problems", "Expired"),
    "cancelled": QT_TRANSLATE_NOOP("problems", "Cancelled"),
}
_SELLER_KINDS = {
    "enterprise": QT_TRANSLATE_NOOP("problems", "Enterprise"),
    "individual_business": QT_TRANSLATE_NOOP("problems", "Individual business"),
    "individual": QT_TRANSLATE_NOOP("problems", "Individual seller"),
}
_NOT_FOR = {
    "enterprise": QT_TRANSLATE_NOOP("problems", "This kind of filing does not concern an enterprise."),
    "individual_business": QT_TRANSLATE_NOOP("problems", "This kind of filing does not concern an individual business."),
    "individual": QT_TRANSLATE_NOOP("problems", "This kind of filing does not concern an individual seller."),
}

register({f"filing.kind.{k}": v for k, v in _KINDS.items()})
register({f"filing.missing.{k}": v for k, v in _MISSING.items()})
register({f"filing.status.{k}": v for k, v in _STATUSES.items()})
register({f"seller_kind.{k}": v for k, v in _SELLER_KINDS.items()})
register({f"filing.not_for_seller_kind.{k}": v for k, v in _NOT_FOR.items()})

register({
    # --- filings (seller_desk.core.filing)
    "filing.unknown_kind": QT_TRANSLATE_NOOP("problems", "Unknown kind of filing \"{kind}\"."),
    "filing.unknown_status": QT_TRANSLATE_NOOP("problems", "Unknown filing status \"{status}\"."),
    "filing.bad_transition": QT_TRANSLATE_NOOP(
        "problems",
        "This status change ({current} → {target}) is not allowed. A renewal is recorded as a new filing."),
    "filing.date_in_future": QT_TRANSLATE_NOOP("problems", "The date {date} is in the future."),
    "filing.not_found": QT_TRANSLATE_NOOP("problems", "There is no record {id}."),
    "filing.bad_initial_status": QT_TRANSLATE_NOOP(
        "problems", "A filing is recorded as draft, submitted or approved; \"{status}\" comes later, through a status change."),
    "filing.duplicate": QT_TRANSLATE_NOOP(
        "problems", "There is already an active filing of this kind; a company holds only one. Cancel the old one or record a status change."),
    "filing.delete_not_draft": QT_TRANSLATE_NOOP(
        "problems", "Only a draft can be deleted; cancel a filing that went further, so its history stays."),
    "filing.bad_quarter": QT_TRANSLATE_NOOP("problems", "Quarter {quarter} does not exist (1–4)."),
    "filing.bad_year": QT_TRANSLATE_NOOP("problems", "{year} is not a plausible year."),
    "filing.reason_required": QT_TRANSLATE_NOOP(
        "problems", "A rejection needs the reason the authority gave."),
    "filing.number_required": QT_TRANSLATE_NOOP(
        "problems", "An approved filing of this kind needs its number (registration or certificate number)."),
    "filing.submitted_on_required": QT_TRANSLATE_NOOP(
        "problems", "A submitted filing needs its submission date."),
    "filing.before_submission": QT_TRANSLATE_NOOP(
        "problems", "The date {date} is before the submission on {submitted}."),
    "filing.before_approval": QT_TRANSLATE_NOOP(
        "problems", "The date {date} is before the approval on {approved}."),
    "filing.validity_reversed": QT_TRANSLATE_NOOP(
        "problems", "The validity ends ({valid_until}) before it starts ({valid_from})."),
    "filing.no_longer_required.mode_9810": QT_TRANSLATE_NOOP(
        "problems",
        "The 9810 overseas-warehouse mode filing is no longer required since {since} ({by}); the warehouse booking (订仓单) data is still sent."),
    "filing.no_longer_required.foreign_trade_operator": QT_TRANSLATE_NOOP(
        "problems",
        "The foreign trade operator filing (对外贸易经营者备案) no longer exists since {since} ({by})."),
    "filing.reminder.expiring": QT_TRANSLATE_NOOP(
        "problems", "Valid until {date}: {days} days left. Renew it in time."),
    "filing.reminder.expired": QT_TRANSLATE_NOOP(
        "problems", "Its validity ended on {date}. Renew it or record it as expired."),
    "filing.reminder.no_answer": QT_TRANSLATE_NOOP(
        "problems",
        "Submitted {days} working days ago with no answer recorded (the authority usually answers within {usual}). Check its status."),
    "filing.reminder.rejected": QT_TRANSLATE_NOOP(
        "problems", "Rejected: {reason}. Correct it and submit again, or cancel it."),
    # --- what a seller needs (seller_desk.core.filing.requirements)
    "filing.need.zone_platform": QT_TRANSLATE_NOOP(
        "problems", "Every seller registers once on the zone's comprehensive service platform."),
    "filing.need.cbec_registration": QT_TRANSLATE_NOOP(
        "problems", "Retail exporters (9610) do CBEC information registration with customs (海关总署公告2018年第194号)."),
    "filing.need.cbec_registration_b2b": QT_TRANSLATE_NOOP(
        "problems", "Needed only for retail exports (9610/1210)."),
    "filing.need.declarant_self": QT_TRANSLATE_NOOP(
        "problems", "A seller that declares to customs itself files as a customs declarant (海关总署令第253号); valid indefinitely."),
    "filing.need.declarant_agent": QT_TRANSLATE_NOOP(
        "problems", "Needed only when the seller declares itself rather than through an agent (海关总署令第253号)."),
    "filing.need.fx_list_threshold": QT_TRANSLATE_NOOP(
        "problems", "Needed when goods-trade receipts or payments in a calendar year go above US${threshold}."),
    "filing.need.fx_list_over": QT_TRANSLATE_NOOP(
        "problems", "This year's goods-trade receipts or payments are over the exemption: register before the bank handles more."),
    "filing.need.fx_list_exempt": QT_TRANSLATE_NOOP(
        "problems", "Below the US$200,000 exemption this year."),
    "filing.need.booking_party": QT_TRANSLATE_NOOP(
        "problems", "9810 exports send the overseas warehouse booking (订仓单) data (海关总署公告2020年第75号)."),
    "filing.need.mode_9810": QT_TRANSLATE_NOOP(
        "problems", "9810 exports needed the overseas-warehouse mode filing with customs (海关总署公告2020年第75号)."),
    "filing.need.mode_9810_not_yet": QT_TRANSLATE_NOOP(
        "problems", "The 9810 trade mode did not exist yet on this date."),
    "filing.need.mode_9810_abolished": QT_TRANSLATE_NOOP(
        "problems", "No longer required since {since} ({by})."),
    "filing.need.foreign_trade_operator": QT_TRANSLATE_NOOP(
        "problems", "Foreign trade operators filed with the commerce authority (对外贸易法 2016, art. 9)."),
    "filing.need.foreign_trade_operator_abolished": QT_TRANSLATE_NOOP(
        "problems", "Abolished since {since} ({by})."),
    "filing.need.eport_card": QT_TRANSLATE_NOOP(
        "problems", "Declaring through the single window needs a China E-Port card; mind its expiry."),
    "filing.need.fx_personal_account": QT_TRANSLATE_NOOP(
        "problems", "An individual seller filed on the zone platform may open an FX settlement account for export proceeds."),
    "filing.need.marketplace_store": QT_TRANSLATE_NOOP(
        "problems", "Record each marketplace store's authorisation and its expiry."),
})

register({
    # --- the document vault (seller_desk.core.documents)
    "document.empty": QT_TRANSLATE_NOOP("problems", "\"{name}\" is empty; nothing was attached."),
    "document.too_large": QT_TRANSLATE_NOOP(
        "problems", "\"{name}\" is {size_mb} MB; the vault takes files up to {limit_mb} MB."),
    "document.unknown_type": QT_TRANSLATE_NOOP(
        "problems", "\"{name}\" is not a file type the vault keeps (accepted: {accepted})."),
    "document.unknown_archive": QT_TRANSLATE_NOOP(
        "problems", "\"{name}\" is a ZIP archive but not an Excel, Word or OFD document; unpack it and attach the documents inside."),
    "document.html": QT_TRANSLATE_NOOP(
        "problems", "\"{name}\" is a web page (HTML), not the document itself; it may be a download error page."),
    "document.executable": QT_TRANSLATE_NOOP(
        "problems", "\"{name}\" is a program, not a document; it was refused."),
    "document.truncated_pdf": QT_TRANSLATE_NOOP(
        "problems", "\"{name}\" is an incomplete PDF (its end is missing); download or scan it again."),
    "document.unreadable": QT_TRANSLATE_NOOP(
        "problems", "\"{name}\" cannot be read: {reason}"),
    "document.missing_file": QT_TRANSLATE_NOOP(
        "problems", "The stored file of \"{name}\" is missing from the company folder."),
    "document.changed_file": QT_TRANSLATE_NOOP(
        "problems", "The stored file of \"{name}\" has changed on disk since it was attached (its content hash differs)."),
    "document.unknown_owner": QT_TRANSLATE_NOOP(
        "problems", "Documents can be attached to a filing, the company, a product, an order or a receipt, not to \"{owner}\"."),
    "document.owner_not_found": QT_TRANSLATE_NOOP(
        "problems", "The {owner} {owner_id} to attach to does not exist."),
})

register({
    # --- the profile (seller_desk.core.profile)
    "profile.name_too_long": QT_TRANSLATE_NOOP(
        "problems", "The name has {length} characters; at most {limit} are kept."),
    "profile.name_not_chinese": QT_TRANSLATE_NOOP(
        "problems", "A registered business name is normally in Chinese, as on the business licence."),
    "profile.name_en_not_ascii": QT_TRANSLATE_NOOP(
        "problems", "The English name may contain only Latin letters, digits and punctuation."),
    "profile.uscc_required": QT_TRANSLATE_NOOP(
        "problems", "An enterprise or individual business needs its Unified Social Credit Code (18 characters, on the business licence)."),
    "profile.ric_required": QT_TRANSLATE_NOOP(
        "problems", "An individual seller needs a resident ID number (18 characters)."),
    "profile.customs_office_format": QT_TRANSLATE_NOOP(
        "problems", "\"{value}\" is not a customs office code (4 digits, e.g. 2900)."),
    "profile.customs_code_individual": QT_TRANSLATE_NOOP(
        "problems", "Individual sellers usually have no customs registration code; check that this one is yours."),
    "profile.contact_name_required": QT_TRANSLATE_NOOP("problems", "The contact needs a name."),
    "profile.contact_unknown_role": QT_TRANSLATE_NOOP("problems", "Unknown contact role \"{role}\"."),
    "profile.phone_format": QT_TRANSLATE_NOOP(
        "problems", "\"{value}\" is not a phone number (7–15 digits; a mainland mobile is 11 digits starting 13–19)."),
    "profile.email_format": QT_TRANSLATE_NOOP("problems", "\"{value}\" is not an e-mail address."),
    "profile.contact_unreachable": QT_TRANSLATE_NOOP(
        "problems", "Give a phone number or an e-mail address so the contact can be reached."),
    "profile.bank_name_required": QT_TRANSLATE_NOOP("problems", "The bank's name is required."),
    "profile.account_name_required": QT_TRANSLATE_NOOP(
        "problems", "The account holder's name is required."),
    "profile.account_number_required": QT_TRANSLATE_NOOP("problems", "The account number is required."),
    "profile.account_number_length": QT_TRANSLATE_NOOP(
        "problems", "A bank account number has 8 to 30 digits; this one has {length}."),
    "profile.account_number_format": QT_TRANSLATE_NOOP(
        "problems", "The account number must be digits, or an IBAN starting with a country code."),
    "profile.iban_invalid": QT_TRANSLATE_NOOP(
        "problems", "The IBAN's check digits are wrong; one of the characters is mistyped."),
    "profile.bank_unknown_purpose": QT_TRANSLATE_NOOP(
        "problems", "Unknown account purpose \"{purpose}\"."),
    "profile.swift_invalid": QT_TRANSLATE_NOOP(
        "problems", "\"{value}\" is not a SWIFT/BIC code (8 or 11 characters)."),
    "profile.negative": QT_TRANSLATE_NOOP(
        "problems", "\"{value}\" must be a number of zero or more."),
})
