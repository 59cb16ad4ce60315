"""French amounts, dates, phones and identifiers, as printed and as OCR damages them."""

from __future__ import annotations

import datetime as dt

import pytest

from config.registries import Registries
from extractors import parsing, validators, vat_iban
from extractors.fields import extract_fields
from extractors.number_words import find_sums_in_words, words_value
from extractors.parsing import find_phones
from extractors.phone_variants import find_phones_grouped, find_phones_misread


@pytest.mark.parametrize("raw, expected", [
    ("1 234,56 €", "1234.56"),
    ("1.234,56", "1234.56"),
    ("1234.56", "1234.56"),
    ("1 234,56 EUR", "1234.56"),
    ("1\u00a0234,56\u00a0€", "1234.56"),  # non-breaking spaces
    ("1\u202f234,56 €", "1234.56"),  # narrow no-break (thin) space
    ("12 345 678,90 €", "12345678.90"),
    ("-45,00", "-45.00"),
    ("\u221245,00 €", "-45.00"),  # a real minus sign
    ("45,00 CR", "-45.00"),
    ("45,00 € avoir", "-45.00"),
    ("(45,00)", "-45.00"),
    ("1 2O4,5O €", "1204.50"),  # O for 0
    ("l2,5O", "12.50"),  # l for 1
    ("850 euros", "850.00"),
    ("12,5", "12.50"),
    ("0,00 €", "0.00"),
])
def test_parse_amount(raw, expected):
    assert parsing.parse_amount(raw) == expected


@pytest.mark.parametrize("raw", ["", "abc", "12/05/2020", "FR76", "1,2,3"])
def test_parse_amount_rejects_non_amounts(raw):
    assert parsing.parse_amount(raw) is None


def test_find_amounts_skips_percentages_and_bare_integers():
    text = "TVA 20 % : 200,00 € - quantité 12 - Total TTC 1 200,00 €, remise 45,00 CR, dette de 850 euros"
    assert [m.value for m in parsing.find_amounts(text)] == ["200.00", "1200.00", "-45.00", "850.00"]


def test_find_amounts_keeps_offsets_of_the_original_text():
    text = "Total HT\u00a0: 1\u202f2O4,5O €"
    (m,) = parsing.find_amounts(text)
    assert m.value == "1204.50"
    assert text[m.start:m.end].startswith("1\u202f2O4")


@pytest.mark.parametrize("raw, expected", [
    ("04/06/2020", "2020-06-04"),
    ("4/6/20", "2020-06-04"),
    ("04.06.2020", "2020-06-04"),
    ("04.06.20", "2020-06-04"),
    ("04-06-2020", "2020-06-04"),
    ("2020-06-04", "2020-06-04"),
    ("4 juin 2020", "2020-06-04"),
    ("le 4 juin 2020", "2020-06-04"),
    ("jeudi 4 juin 2020", "2020-06-04"),
    ("1er juin 2020", "2020-06-01"),
    ("1er mars 2021", "2021-03-01"),
    ("ler mars 2021", "2021-03-01"),  # OCR: l for 1
    ("4 JUIN 2020", "2020-06-04"),
    ("4 fevrier 2021", "2021-02-04"),
    ("15 aout 2020", "2020-08-15"),
    ("15 août 2020", "2020-08-15"),
    ("12 déc. 2020", "2020-12-12"),
    ("3 decembre 2019", "2019-12-03"),
    ("4 févner 2021", "2021-02-04"),  # OCR damage inside the month name
    ("l5/O6/2O2O", "2020-06-15"),  # OCR letters for digits
    ("29/02/2020", "2020-02-29"),  # leap year
])
def test_parse_date(raw, expected):
    assert parsing.parse_date(raw) == expected


@pytest.mark.parametrize("raw", ["31/02/2020", "29/02/2021", "32/01/2020", "12/13/2020", "juin 2020",
                                 "4 juin", "3 mois", "25 rue des Lilas", "06.12.34.56.78", "mardi 4"])
def test_parse_date_rejects_impossible_or_partial_dates(raw):
    assert parsing.parse_date(raw) is None


def test_date_without_year_takes_the_reference_year():
    assert parsing.parse_date("4 juin", reference_date=dt.date(2021, 1, 10)) == "2021-06-04"
    assert parsing.parse_date("juin 2020", reference_date=dt.date(2021, 1, 10)) is None


def test_find_dates_in_reading_order():
    text = "Facture du 04/06/2020, échéance le 4 juillet 2020 ; appelez le 06.12.34.56.78"
    assert [m.value for m in parsing.find_dates(text)] == ["2020-06-04", "2020-07-04"]


@pytest.mark.parametrize("raw", ["06.12.34.56.78", "06 12 34 56 78", "+33 6 12 34 56 78", "0033 6 12 34 56 78",
                                 "+33 (0)6 12 34 56 78", "06-12-34-56-78", "0612345678", "+33612345678",
                                 "O6 12 34 56 78"])
def test_parse_phone(raw):
    assert parsing.parse_phone(raw) == "0612345678"


@pytest.mark.parametrize("raw", ["06 12 34 56", "00 12 34 56 78", "12 34 56 78 90", ""])
def test_parse_phone_rejects(raw):
    assert parsing.parse_phone(raw) is None


def test_find_phones_in_text():
    found = parsing.find_phones("Tél. : 05.61.23.45.67 - portable +33 7 12 34 56 78")
    assert [m.value for m in found] == ["0561234567", "0712345678"]


def test_siret_siren_vat_iban_with_spaces():
    assert parsing.parse_siret("732 829 320 00074") == "73282932000074"
    assert parsing.parse_siren("732 829 320") == "732829320"
    assert vat_iban.parse_vat("FR 44 732829320") == "FR44732829320"
    assert vat_iban.parse_vat("TVA : FR44 732 829 320") == "FR44732829320"
    assert vat_iban.parse_iban("FR76 3000 6000 0112 3456 7890 189") == "FR7630006000011234567890189"
    assert vat_iban.parse_iban("FR76 3000 6000 0112 3456 7890 189 BIC AGRIFRPP") == "FR7630006000011234567890189"


def test_vat_with_ocr_letters_in_the_key():
    assert vat_iban.parse_vat("TVA intracom. FROB878798594") == "FR08878798594"
    assert vat_iban.parse_vat("FRG2362250235") == "FR62362250235"


def test_a_vat_number_whose_zero_the_ocr_read_twice():
    """« FR0O5411885601 »: twelve characters, one zero read as « 0O »; kept only when its key checks."""
    assert vat_iban.parse_vat("N° TVA intracommunautaire : FR0O5411885601") == "FR05411885601"
    assert vat_iban.parse_vat("TVA intracommunautaire FR0O9871485538 - Code APE") == "FR09871485538"
    assert vat_iban.parse_vat("TVA FR0O1234567890") is None  # no key checks: not a number read
    assert vat_iban.parse_vat("TVA FR44732829320 SIRET 73282932000074") == "FR44732829320"


def test_an_iban_whose_country_code_the_ocr_read_with_a_digit():
    assert vat_iban.parse_iban("IBAN 1E74 BOFI 9000 1720 774518 BIC BOFIIE2D") == "IE74BOFI90001720774518"
    assert vat_iban.parse_iban("IBAN : FR76 3000 4018 7300 0110 2447 769") == "FR7630004018730001102447769"
    # no country reads so: left alone
    assert vat_iban.parse_iban("IBAN 12 34 5678 9012 3456") is None


def test_an_iban_whose_check_digits_the_ocr_read_with_a_letter():
    found = vat_iban.parse_iban("Stadtsparkasse Augsburg - IBAN DES5 7205 0000 5483 2802 84 . BIC AUGSDE77XXX")
    assert found == "DE55720500005483280284" and validators.is_valid_iban(found)
    assert vat_iban.parse_iban("IBAN FRO6 3000 2028 1650 2885 4541 243") == "FR0630002028165028854541243"
    # a word after « IBAN » is no IBAN's start
    assert vat_iban.parse_iban("IBAN SUR DEMANDE 1234 5678") is None


def test_an_iban_is_not_read_as_a_vat_number_and_vice_versa():
    assert vat_iban.find_vats("IBAN FR76 3000 6000 0112 3456 7890 189") == []
    assert vat_iban.find_ibans("TVA FR44 732829320 SIRET 73282932000074") == []


def test_fix_digits_keeps_length_and_words():
    text = "Facture FA2O20 du l5/O6/2O2O : Total lOO,OO € Olivier"
    fixed = parsing.fix_digits(text)
    assert len(fixed) == len(text)
    assert "15/06/2020" in fixed and "100,00" in fixed
    assert "Olivier" in fixed and "Facture" in fixed


def test_fold_keeps_length():
    text = "Échéance : 4 août — À PAYER"
    assert len(parsing.fold(text)) == len(text)
    assert parsing.fold(text).startswith("echeance : 4 aout")


# ----------------------------------------------------------------- validators on tricky values

def test_siret_luhn():
    assert validators.is_valid_siret("73282932000074")
    assert not validators.is_valid_siret("73282932000075")  # last digit changed
    assert not validators.is_valid_siret("7328293200007")  # 13 digits
    assert validators.is_valid_siren("732829320")
    assert not validators.is_valid_siren("732829321")


def test_vat_key():
    assert validators.is_valid_vat("FR44732829320")
    assert not validators.is_valid_vat("FR45732829320")  # wrong key
    assert not validators.is_valid_vat("FR44732829321")  # SIREN not Luhn-valid


def test_iban_mod97():
    assert validators.is_valid_iban("FR7630006000011234567890189")
    assert not validators.is_valid_iban("FR7630006000011234567890188")  # one digit changed
    assert not validators.is_valid_iban("FR7630006000011234567890")  # wrong length


def test_amounts_add_up():
    assert validators.amounts_add_up("1000.00", "200.00", "1200.00")
    assert not validators.amounts_add_up("1000.00", "200.00", "1250.00")


@pytest.mark.parametrize("text, phones", [
    ("Contrat n° 0150 3376 01", []),  # ten digits by fours: a contract number
    ("Objet : Préavis de départ - contrat 0177-2309-02", []),
    ("N° 06 842 575 19", []),
    ("Portable : 06 50 93 18 24", ["0650931824"]),
    ("0684025719", ["0684025719"]),
    ("07 8462 03 11", ["0784620311"]),  # two pairs the OCR joined
    ("0684 02 57 19", ["0684025719"]),
    ("Portable (+33) 6 12 34 56 78", ["0612345678"]),  # the country code in brackets
])
def test_phones_are_printed_whole_or_by_pairs(text, phones):
    assert [p.value for p in parsing.find_phones(text)] == phones


# -- sums written out in French words (extractors/number_words.py) ------------------------------


@pytest.mark.parametrize("words, value", [
    ("deux mille cent quatre", 2104), ("quatre-vingt-dix", 90), ("quatre-vingts", 80), ("deux cents", 200),
    ("mille deux cent cinquante", 1250), ("soixante-dix-sept", 77), ("vingt et un", 21), ("soixante et onze", 71),
    ("trois cent quatre-vingt-dix-neuf", 399), ("cent quatre-vingt", 180), ("deux millions", 2_000_000),
])
def test_words_value(words, value):
    assert words_value(words) == value


def test_a_sum_in_words_across_a_line_end_with_its_cents():
    text = "un arriéré de loyers de deux mille cent quatre\neuros et trente centimes, selon votre relevé"
    assert [m.value for m in find_sums_in_words(text)] == ["2104.30"]
    assert find_sums_in_words("un euro symbolique") == [] and find_sums_in_words("Je vous remercie.") == []
    # a hyphenated number cut at the end of a line
    wrapped = "ma dette est de deux mille cent quatre-vingt-\ndix euros et quarante centimes (2 190,40 €)."
    assert [m.value for m in find_sums_in_words(wrapped)] == ["2190.40"]


def test_the_debt_spelled_out_not_the_monthly_sum_is_the_amount_at_stake():
    letter = ("Madame, Monsieur,\nMme Lacombe a accumulé un arriéré de loyers de deux mille cent quatre\n"
              "euros et trente centimes. Nous consacrerons quatre-vingt-dix euros par mois à l'apurement.\n"
              "Cordialement\nUDAF 31\n")
    ex = extract_fields("payment_difficulty", "tenant", letter, Registries((), ()))
    assert ex.fields["amount"] == "2104.30"


def test_phones_read_out_in_french_words():
    from extractors.number_words import find_phones_in_words

    assert [m.value for m in find_phones_in_words("au zéro six quarante-deux, dix-huit, soixante-quinze, trente")] == [
        "0642187530"]
    assert [m.value for m in find_phones_in_words("zéro cinq soixante et un, quatre-vingt-onze, zéro deux, "
                                                  "soixante-dix-sept, douze")] == ["0561910277"]
    assert find_phones_in_words("zéro six deux") == []  # not ten digits
    assert find_phones_in_words("zéro zéro trente") == []


@pytest.mark.parametrize("line, phone", [
    ("TEL 07 US 60 33 18", "0745603318"),  # a handwritten 4 and 5 read as U and S
    ("TL 07 53 GY 18 20", "0753641820"),  # a 6 and a 4 open at the top read as G and Y
    ("06°95 27 40 II", "0695274011"),  # a speck, and ones read as I
    ("06 14°77 29 03", "0614772903"),
    ("tel 05 Gl 8S 17 46", None),  # three digits guessed: no phone
    ("OS 6) 54 33 82", "0561543382"),  # (a leading 0 read as O is no guess: every phone begins with it)
    ("OF GI 81 U4 G7", None),
    ("N° de contrat : 0412-77851-B", None),  # a contract's groups, not a phone's pairs
])
def test_a_handwritten_phone_with_up_to_two_digits_misread(line, phone):
    found = find_phones_misread(line)
    assert (found[0].value if found else None) == phone
    assert not find_phones(line) or phone is None  # what the ordinary reading misses


def test_a_tenants_handwritten_phone_with_a_misread_digit_is_their_phone(registries):
    text = "MME KEITA\n12 RUE DES TILLEULS\n31000 TOULOUSE\nMADAME MONSIEUR\nLE VOISIN FAIT DU BRUIT.\nMERCI\nMME KEITA\nTEL 07 US 60 33 18\n"
    assert extract_fields("neighbour_dispute", "tenant", text, registries).fields["phone"] == "0745603318"


@pytest.mark.parametrize("line, phone", [
    ("Tél : 06 12 345 678", "0612345678"), ("tel. 0612 345 678", "0612345678"), ("Portable: 07.81.234.567", "0781234567"),
    ("réf 06 12 345 678", None),  # no phone's label: a number in threes is no phone
])
def test_a_labelled_phone_grouped_in_threes(line, phone):
    found = find_phones_grouped(line)
    assert (found[0].value if found else None) == phone and not find_phones(line)


def test_a_phone_whose_dots_the_ocr_read_as_colons():
    assert [p.value for p in find_phones("Tel : 05:63:59:21:40")] == ["0563592140"]
    assert find_phones("RDV à 10:30, rappel 12:45:10") == []  # times are no phone


def test_an_iban_in_groups_set_apart_by_dashes_or_wrapped_to_the_next_line():
    from extractors.vat_iban import find_ibans

    assert [m.value for m in find_ibans("IBAN FR76-3000-4000-0312-3456-7890-143")] == ["FR7630004000031234567890143"]
    assert [m.value for m in find_ibans("IBAN : FR76 3000 4000\n0312 3456 7890 143\nBIC BNPAFRPP")] == \
        ["FR7630004000031234567890143"]


def test_phones_of_the_overseas_departments_dialled_with_their_country_code():
    text = "joignable sur son portable au +262 692 41 08 77. Standard 05 63 72 19 00, Guadeloupe 00590 690 12 34 56"
    assert [m.value for m in find_phones(text)] == ["0692410877", "0563721900", "0690123456"]
