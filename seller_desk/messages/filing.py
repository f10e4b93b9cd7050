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
    "identity.kind_mismatch.individual-business": QT_TRANSLATE_NOOP(
        "problems",
        "A USCC starting with {code} belongs to an individual business (个体工商户), but the profile says the seller is of another kind; please check the kind."),
    "identity.uscc.length": QT_TRANSLATE_NOOP(
        "problems", "A USCC has 18 characters; this one has {length}."),
    "identity.uscc.bad_char": QT_TRANSLATE_NOOP(
        "problems", "Position {position}: \"{char}\" is not allowed in a USCC (digits and capital letters only)."),
    "identity.uscc.excluded_letter": QT_TRANSLATE_NOOP(
        "problems",
        "Position {position}: the letter \"{char}\" is never used in a USCC (I, O, Z, S and V are left out; did you mean 1, 0, 2, 5 or U?)."),
    "identity.uscc.bad_authority": QT_TRANSLATE_NOOP(
        "problems",
        "Position 1: \"{char}\" is not a registration authority code (1–9, A, N or Y)."),
    "identity.uscc.unknown_entity_type": QT_TRANSLATE_NOOP(
        "problems",
        "Position 2: entity type \"{char}\" is not one the authority \"{authority}\" is known to issue; please check it."),
    "identity.uscc.region_not_digits": QT_TRANSLATE_NOOP(
        "problems", "Positions 3–8: the region code \"{region}\" must be six digits."),
    "identity.uscc.unknown_region": QT_TRANSLATE_NOOP(
        "problems", "Positions 3–8: the region code \"{region}\" does not start with a known province code; please check it."),
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
