"""Classification decisions with the embedded model: rules, urgency, calibrated confidence and
the low-confidence path to videocodage (through flows.deliver.decide)."""

from __future__ import annotations

import pytest

from classifiers.decide import Hints, classify, supplier_title
from extractors.types import DocumentText, PageText
from flows.deliver import decide
from stages.understand import understand

UNSEEN_SEED = 31337  # neither the training nor the calibration seed of the embedded model


def doc(text: str) -> DocumentText:
    return DocumentText("test.pdf", [1], [PageText(number=1, text=text, method="pdf-text")])


def generated(doc_type: str, n: int = 0) -> dict:
    from corpus.texts import generate_texts

    return [d for d in generate_texts(60, UNSEEN_SEED) if d["type"] == doc_type][n]


AMBIGUOUS = ("Madame, Monsieur,\nJe vous écris au sujet de la facture. Je ne peux pas la payer ce mois-ci "
             "et mon voisin fait du bruit.\nCordialement")


def test_ambiguous_text_goes_to_videocodage_with_best_guess_and_reason(rt):
    u = understand(doc(AMBIGUOUS), rt)
    c = u.classification
    threshold = rt.settings["classification.review_threshold"]
    assert c.confidence < threshold  # calibrated: not ~1.0 on a text that fits several types
    assert c.type != "other" and c.type in rt.taxonomy.types  # the machine's best guess is kept
    decision, status, reason = decide(rt, u, {})
    assert (decision.queue, status) == ("videocodage", "review")
    assert "confiance" in reason and rt.taxonomy.type(c.type).label in reason


def test_confident_generated_letter_is_routed_to_its_queue(rt):
    d = generated("lease_termination")
    u = understand(doc(d["text"]), rt)
    decision, status, reason = decide(rt, u, {})
    assert u.classification.type == "lease_termination"
    assert u.classification.confidence >= rt.settings["classification.review_threshold"]
    assert (decision.queue, status, reason) == (d["queue"], "routed", None)


def test_unreadable_page_sends_an_otherwise_confident_document_to_review(rt):
    u = understand(doc(generated("lease_termination")["text"]), rt)
    decision, status, reason = decide(rt, u, {2: "délai dépassé"})
    assert status == "review" and "page 2 illisible" in reason


def test_other_goes_to_videocodage_as_review(rt):
    u = understand(doc(generated("other")["text"]), rt)
    decision, status, reason = decide(rt, u, {})
    assert u.classification.type == "other"
    assert (decision.queue, status) == ("videocodage", "review") and "type non reconnu" in reason


@pytest.mark.parametrize("code, expected", [("380", "supplier_invoice"), ("381", "supplier_credit_note")])
def test_facturx_type_code_decides_the_type(rt, code, expected):
    letter = generated("repair_request")["text"]  # whatever the text says, the XML is the invoice
    c = classify(letter, rt.model, Hints(facturx_type_code=code))
    assert (c.type, c.method) == (expected, "facturx") and c.confidence >= 0.99


def test_registered_supplier_narrows_to_supplier_types(rt):
    d = generated("supplier_quote")
    u = understand(doc(d["text"]), rt)
    assert u.extraction.supplier_id is not None
    assert (u.classification.type, u.classification.method) == ("supplier_quote", "rules+textcat")


def test_registered_supplier_on_a_tenant_letter_is_a_conflict_for_a_human(rt):
    c = classify(generated("social_distress")["text"], rt.model, Hints(supplier_identified=True))
    assert c.method == "conflict" and c.confidence <= 0.5


class _Model:
    """A model whose answer the test chooses."""

    def __init__(self, probs: dict[str, float]):
        self.probs = probs

    def probabilities(self, text: str) -> dict[str, float]:
        return dict(self.probs)


def test_a_known_supplier_does_not_turn_the_models_weak_guess_into_certainty():
    """The model gives the three supplier types little weight: the supplier says it is one of
    them, not which; a person decides (a learned supplier's quote once went out as a credit note)."""
    weak = _Model({"other": 0.7, "supplier_credit_note": 0.2, "supplier_invoice": 0.08, "supplier_quote": 0.02})
    c = classify("Devis n° 12", weak, Hints(supplier_identified=True))
    assert c.type == "supplier_credit_note" and c.confidence <= 0.5
    # the model's readers disagreed: it capped its answer at 0.5; the supplier does not lift the cap
    capped = _Model({"supplier_credit_note": 0.5, "supplier_invoice": 0.001, "supplier_quote": 0.001})
    c = classify("FACTURE\nFacture n° 12", capped, Hints(supplier_identified=True))
    assert c.type == "supplier_credit_note" and c.confidence <= 0.5
    # …unless the document's own title says what the model guessed
    c = classify("Cloudrise\nCREDIT NOTE\nCredit note No: CN-12\nRelated invoice: INV-7", capped,
                 Hints(supplier_identified=True))
    assert c.type == "supplier_credit_note" and c.confidence > 0.99
    strong = _Model({"other": 0.3, "supplier_credit_note": 0.05, "supplier_invoice": 0.6, "supplier_quote": 0.05})
    c = classify("Facture n° 12", strong, Hints(supplier_identified=True))
    assert c.type == "supplier_invoice" and c.confidence == pytest.approx(0.6 / 0.7, abs=1e-3)


def test_a_suppliers_advertising_is_other_mail_not_a_quote():
    """A flyer or an offer to landlords (« OFFRE DE LANCEMENT : -15 % sur tout contrat », « Devis
    gratuit ») has a supplier's words but nothing to pay or to sign: other (always reviewed)."""
    flyer = ("HYGIENE 3D OCCITANIE\nDératisation - Désinsectisation\nOFFRE DE LANCEMENT 2021 : -15 % sur tout "
             "contrat annuel signé avant le 31 mars.\nDevis gratuit sur simple demande.\n")
    model = _Model({"supplier_quote": 0.99, "other": 0.01})
    c = classify(flyer, model)
    assert (c.type, c.method) == ("other", "rules+textcat")
    # even when the supplier is a registered one (its three types only, before the rule)
    assert classify(flyer, model, Hints(supplier_identified=True)).type == "other"
    # a priced quote with the same words stays a quote; one advertising word is not enough
    assert classify(flyer, model, Hints(priced=True)).type == "supplier_quote"
    assert classify("DEVIS n° D-12\nDevis gratuit\nTotal TTC 120,00", model).type == "supplier_quote"


def test_a_supplier_piece_the_readers_disagree_on_is_what_its_own_title_says():
    """The two readers agree it is a supplier's piece, not which (capped at 0.5): an English
    « QUOTATION » heading its first lines decides; no title, or a tenant's letter, and a person does."""
    capped = _Model({"supplier_invoice": 0.5, "supplier_quote": 0.05, "supplier_credit_note": 0.004, "other": 1e-8})
    c = classify("HESTIA PROPERTY SYSTEMS\n\nQUOTATION\nQuotation No.: Q-2021-0457\nTotal 100.00", capped)
    assert (c.type, c.method) == ("supplier_quote", "rules+textcat") and c.confidence > 0.9
    assert classify("HESTIA PROPERTY SYSTEMS\nSoftware\nTotal 100.00", capped).confidence == 0.5
    letter = _Model({"repair_request": 0.5, "supplier_quote": 0.4})
    assert classify("DEVIS\nMadame, le plombier a fait un devis.", letter).type == "repair_request"
    # the model sure it is an invoice, a French title saying quote: a person decides (a title in
    # the vendor's own language decides: below)
    sure = _Model({"supplier_invoice": 0.999, "supplier_quote": 0.001})
    c = classify("MENUISERIE DUPUIS\n\nDEVIS\nDevis n° D-2021-0457", sure)
    assert (c.type, c.method) == ("supplier_invoice", "conflict") and c.confidence <= 0.5
    assert classify("HESTIA PROPERTY SYSTEMS\n\nINVOICE\nInvoice No.: I-77", sure).confidence == 0.999


def test_a_title_in_the_vendors_language_decides_over_a_model_that_learned_french():
    """An Italian credit note the model reads as an invoice at 0.999: « NOTA DI CREDITO » says
    which piece it is; a French « FACTURE » over the same lean still goes to a person."""
    sure = _Model({"supplier_invoice": 0.999, "supplier_credit_note": 0.0008, "supplier_quote": 0.0002})
    c = classify("RUBINETTERIE VALTROMPIA\nSpett.le PATRIMOINE\n   NOTA DI CREDITO\nN. NC-22/014", sure)
    assert (c.type, c.method) == ("supplier_credit_note", "rules+textcat") and c.confidence > 0.9
    c = classify("CERAMICAS AZAHAR\nPRESUPUESTO N° P-2022/0147\nFecha: 11 de febrero de 2022", sure)
    assert c.type == "supplier_quote" and c.confidence > 0.9
    c = classify("PLOMBERIE MARTIN\nAVOIR N° A-12\nRemboursement", sure)
    assert (c.type, c.method) == ("supplier_invoice", "conflict") and c.confidence <= 0.5


def test_a_title_settles_a_model_hesitating_between_supplier_pieces():
    """A vendor writing in Dutch: the model, trained on French, leans to invoice (0.73) and not
    enough to route; « FACTUUR » heading the page settles it. Without a title it stays unsure."""
    hesitant = _Model({"supplier_invoice": 0.73, "supplier_credit_note": 0.23, "supplier_quote": 0.04})
    c = classify("Van Dijk B.V.\nFACTUUR\nFactuurnummer: 2021-0388\nTotaal € 1.190,64", hesitant)
    assert (c.type, c.method) == ("supplier_invoice", "rules+textcat") and c.confidence > 0.9
    assert classify("Van Dijk B.V.\nTotaal € 1.190,64", hesitant).confidence == 0.73
    # leaning to a credit note under the title « FACTURE » (refunds billed as an invoice): a person decides
    refunds = _Model({"supplier_credit_note": 0.73, "supplier_invoice": 0.23, "supplier_quote": 0.04})
    c = classify("Volt'Énergie\nFACTURE\nRemboursement -120,00", refunds)
    assert (c.type, c.method) == ("supplier_credit_note", "conflict") and c.confidence <= 0.5
    # unless its totals are below zero: « FACTURE » of money owed back is a credit note
    c = classify("Volt'Énergie\nFACTURE\nTotal TTC à déduire -120,00", refunds, Hints(priced=True, credited=True))
    assert (c.type, c.method) == ("supplier_credit_note", "rules+textcat") and c.confidence > 0.9


def test_a_billed_piece_under_its_title_is_what_the_title_says():
    """The readers disagree (an invoice at 0.5, a payment difficulty next): a page titled
    « FACTURE » whose totals add up is an invoice; priced or titled alone, a person decides."""
    split = _Model({"supplier_invoice": 0.5, "payment_difficulty": 0.18, "repair_request": 0.01})
    text = "SENTINELLE SÉCURITÉ\nFACTURE FAC-SSP-21-1130\nTotal HT 100,00\nTVA 20,00\nTotal TTC 120,00"
    c = classify(text, split, Hints(priced=True))
    assert (c.type, c.method) == ("supplier_invoice", "rules+textcat") and c.confidence > 0.9
    assert classify(text, split).confidence == 0.5
    assert classify("SENTINELLE SÉCURITÉ\nTotal TTC 120,00", split, Hints(priced=True)).confidence == 0.5


@pytest.mark.parametrize("text", [
    "Objet : ordonnance de protection\nMme X bénéficie d'une ordonnance de protection rendue par le juge.",
    "Le service d'hygiène a constaté une situation d'incurie dans le logement de M. Y.",
    "Depuis les violences conjugales subies, je ne peux plus payer le loyer.",
    # a social worker: a mother without income who « n'y arrivait plus », in a « état dépressif sévère »
    "Elle présente un état dépressif sévère ; elle m'a dit qu'elle « n'y arrivait plus ». Un retard de loyer s'est constitué.",
    "Un suivi en centre médico-psychologique a été mis en place ; trois échéances de loyer sont impayées.",
])
def test_violence_or_distress_in_a_letter_of_another_type_goes_to_a_person(text):
    """A court's or a police letter about a protection order, a town hall's about squalor: the
    model may say legal notice or repair, but the social support team may be the one; a person
    decides (the type is restricted)."""
    for guess in ("legal_notice", "repair_request", "payment_difficulty"):
        c = classify(text, _Model({guess: 0.99, "social_distress": 0.01}), always_urgent=frozenset({"social_distress"}))
        # the person sees social support first (urgent, as that type always is), the model's type second
        assert (c.type, c.method, c.urgent) == ("social_distress", "conflict", True) and c.confidence <= 0.5
        assert list(c.scores)[1] == guess and "violences ou détresse" in c.reason
    # the types the check leaves alone: social distress itself, other (always reviewed), suppliers
    # (a supplier's piece with its totals: one without any sum is looked at for another reason)
    for kind in ("social_distress", "other", "supplier_invoice"):
        hints = Hints(priced=kind == "supplier_invoice")
        assert classify(text, _Model({kind: 0.99, "legal_notice": 0.01}), hints).confidence == 0.99
    # no such words: the model's answer stands
    assert classify("Mon voisin fait du bruit la nuit.", _Model({"neighbour_dispute": 0.99})).confidence == 0.99


@pytest.mark.parametrize("text, kind", [
    ("PLOMBERIE MARTIN\n27 chemin\nFACTURE N° 2020-0031\nTotal", "supplier_invoice"),
    ("Cloudrise\nINVOICE\nInvoice No: CR-1", "supplier_invoice"),
    ("Elevo\nAvoir n° A-12 sur facture F-3", "supplier_credit_note"),
    ("X\nFacture d'avoir n° 7", "supplier_credit_note"),
    ("X\nDEVIS n° D-1\nvalable 30 jours", "supplier_quote"),
    ("Madame,\nje vous écris au sujet de la facture", None),
    ("X\nFACTURE\nDEVIS", None),  # two titles: no answer
    # vendors abroad title their pieces in their own language
    ("Hansen GmbH\nRECHNUNG\nRechnungsnummer: RE-1", "supplier_invoice"),
    ("Van Dijk B.V.\nFactuur 2021-0388", "supplier_invoice"),
    ("Hansen GmbH\nGutschrift Nr. G-7", "supplier_credit_note"),
    ("Ibérica S.L.\nFactura rectificativa nº R-3", "supplier_credit_note"),
    ("Rossi S.r.l.\nPREVENTIVO n. 44/2021", "supplier_quote"),
    ("Ludotecnica\nOFFERTA / PREVENTIVO N. 2021/0412", "supplier_quote"),
    # a quote titled otherwise than « Devis »
    ("PROTEC INCENDIE SUD\nOFFRE DE PRIX\nRéférence OP 2104-118", "supplier_quote"),
    ("X\nProposition tarifaire n° PT-9", "supplier_quote"),
    ("X\nPROPOSITION DE PRIX\nValable 3 mois", "supplier_quote"),
    ("Boulangerie Dupuy\nOfferte à nos clients fidèles : une galette", None),  # French « offerte », no title
    # a framed title, its box's edge read as « : » or « | »
    (": NOTE DE CRÉDIT n° NC-21/0019 émise le 09-07-2021", "supplier_credit_note"),
    ("| DEVIS N° 88", "supplier_quote"),
    # a credit note names the invoice it corrects: that line is no title
    ("FACTURE D'ORIGINE : N° 0021-004417 DU 31/01/21\nMotif : correction", None),
    ("X\nFacture concernée : F21-T2-0877", None),
    # the title in capitals at the right of the letterhead, read as the end of its line
    ("NORDLANE PRINT SERVICES CREDIT MEMO\nManaged Print", "supplier_credit_note"),
    ("OCCITANIE COLLECTE ENVIRONNEMENT FACTURE\nCollecte - Tri", "supplier_invoice"),
    ("OCCITANIE COLLECTE      FACTURE RECTIFICATIVE\nN° 0021-R00031", None),  # no kind said
    ("Madame, je conteste votre facture\nMerci", None),  # a sentence's last word is no title
])
def test_supplier_title(text, kind):
    assert supplier_title(text) == kind


@pytest.mark.parametrize("text, urgent, kinds", [
    ("Objet : fuite\nBonjour, il y a une fuite d'eau importante dans la cuisine, l'eau coule partout.", True, ["eau"]),
    ("Objet : odeur\nBonjour, depuis ce matin il y a une forte odeur de gaz dans la cuisine, pouvez-vous envoyer un technicien ?", True, ["gaz"]),
    ("Objet : panne\nNous n'avons plus de courant, le disjoncteur saute et une prise fait des étincelles.",
     True, ["électricité"]),
    ("Objet : ascenseur\nL'ascenseur est bloqué depuis trois jours, ma mère ne peut plus sortir.", True, ["sécurité"]),
    ("Objet : volet\nLe volet roulant de la chambre est bloqué, merci d'envoyer un technicien.", False, []),
    ("Objet : balcon\nLe garde-corps du balcon est descellé et bouge quand on s'appuie, merci de réparer vite.",
     True, ["sécurité"]),
    ("Objet : carrelage\nUn carreau de la salle de bains est descellé, merci de passer le recoller.", False, []),
])
def test_repair_urgency(rt, text, urgent, kinds):
    c = classify(text, rt.model, always_urgent=frozenset({"social_distress", "legal_notice"}))
    assert c.type == "repair_request"
    assert c.urgent is urgent and c.urgency == kinds


def test_neighbour_violence_is_urgent(rt):
    text = ("Objet : trouble de voisinage\nMon voisin du dessus m'a menacé et m'a frappé dans l'escalier hier soir. "
            "Le bruit continue toutes les nuits, la musique est très forte.")
    c = classify(text, rt.model)
    assert c.type == "neighbour_dispute" and c.urgent and "violence" in c.urgency


def test_social_distress_always_urgent_and_restricted(rt):
    d = generated("social_distress")
    u = understand(doc(d["text"]), rt)
    assert u.classification.type == "social_distress" and u.classification.urgent
    assert rt.taxonomy.type("social_distress").restricted
    decision, status, _ = decide(rt, u, {})
    assert decision.queue == "accompagnement-social" and decision.priority == 1


def test_calibration_meta_of_the_embedded_model(rt):
    meta = rt.model.meta
    assert meta["calibrated_on"] == "ocr-like" and meta["temperature"] > 0


def scanned(text: str, confidence: float) -> DocumentText:
    from extractors.types import Word

    words = [Word(w, 10 * i, 10, 9, 9, confidence, 0) for i, w in enumerate(text.split())]
    return DocumentText("scan.png", [1], [PageText(number=1, text=text, words=words, method="ocr")])


def test_a_scan_read_with_low_confidence_goes_to_review_as_handwriting(rt):
    text = generated("lease_termination")["text"]
    surely = understand(scanned(text, 93.0), rt)
    assert surely.legibility == 93.0
    assert decide(rt, surely, {})[1] == "routed"
    hand = understand(scanned(text, 52.0), rt)
    _, status, reason = decide(rt, hand, {})
    assert status == "review" and reason.startswith("manuscrit ou peu lisible (confiance de lecture 52 %")
    assert understand(doc(text), rt).legibility is None  # a text layer is read for sure


def test_print_read_surely_but_for_a_few_lines_of_symbols_is_not_handwriting(rt):
    """A bailiff's report in capitals whose cost table reads as symbols: most words read at
    92, a third at 30; the mean (71) says handwriting, the bulk says print."""
    from extractors.types import Word

    text = generated("lease_termination")["text"]
    tokens = text.split()
    words = [Word(w, 10 * i, 10, 9, 9, 30.0 if i % 3 == 0 else 92.0, 0) for i, w in enumerate(tokens)]
    u = understand(DocumentText("scan.png", [1], [PageText(number=1, text=text, words=words, method="ocr")]), rt)
    assert u.legibility == 92.0 and decide(rt, u, {})[1] == "routed"
    # handwriting reads low throughout: its mean stays the measure
    low = [Word(w, 10 * i, 10, 9, 9, 30.0 if i % 3 == 0 else 70.0, 0) for i, w in enumerate(tokens)]
    hand = understand(DocumentText("scan.png", [1], [PageText(number=1, text=text, words=low, method="ocr")]), rt)
    assert hand.legibility < 60 and decide(rt, hand, {})[1] == "review"


def test_a_poor_scan_of_an_invoice_whose_fields_all_check_is_not_sent_as_handwriting(rt):
    invoice = next(d for d in (generated("supplier_invoice", n) for n in range(3))
                   if {"total_excl_tax", "total_tax", "total_incl_tax", "supplier_siret"} <= set(d["fields"]))
    u = understand(scanned(invoice["text"], 60.0), rt)
    assert {"total_excl_tax", "total_tax", "total_incl_tax"} <= set(u.extraction.fields)
    decision, status, reason = decide(rt, u, {})
    assert status == "routed", reason
    # the same scan without its totals: nothing proves it was read well, a person looks
    lines = [ln for ln in invoice["text"].splitlines() if not any(w in ln.lower() for w in ("total", "tva", "net à payer"))]
    poor = understand(scanned("\n".join(lines), 60.0), rt)
    _, status, reason = decide(rt, poor, {})
    assert status == "review" and "manuscrit ou peu lisible" in reason


def test_distress_the_model_leans_to_and_the_letter_names_is_confident():
    """The readers disagree (capped at 0.5) but lean to social distress, and the police's letter
    names « violences intrafamiliales »: routed to social support, urgent; without the words a
    person decides."""
    split = _Model({"social_distress": 0.5, "repair_request": 0.05, "legal_notice": 0.01})
    text = "POLICE NATIONALE\nOBJET : violences intrafamiliales - sécurisation du domicile d'une victime\n"
    c = classify(text, split, always_urgent=frozenset({"social_distress"}))
    assert (c.type, c.method, c.urgent) == ("social_distress", "rules+textcat", True) and c.confidence > 0.9
    assert classify("POLICE NATIONALE\nOBJET : sécurisation du domicile\n", split).confidence == 0.5
    # a person living alone and failing confirms the lean; it never turns another type into distress
    alone = "Ma voisine, 86 ans, vit seule et ne sort plus depuis l'hiver ; le chauffage est en panne.\n"
    assert classify(alone, split).confidence > 0.9
    assert classify(alone, _Model({"repair_request": 0.99, "social_distress": 0.01})).type == "repair_request"


def test_a_corrected_invoice_billed_again_is_no_credit_note():
    """« FACTURE RECTIFICATIVE … annule et remplace la facture … » with positive totals: the model,
    reading « annule », says credit note; the title and the totals say an invoice: a person decides,
    never an automatic credit note with the amounts turned negative."""
    creditish = _Model({"supplier_credit_note": 0.99, "supplier_invoice": 0.009, "supplier_quote": 0.001})
    text = ("JARDINS D'OCRE\nFACTURE RECTIFICATIVE N° JO-2021-0144\nAnnule et remplace la facture N° JO-2021-0131\n"
            "Total HT 1 250,00 €\nTVA 20 % 250,00 €\nTotal TTC 1 500,00 €\n")
    c = classify(text, creditish, Hints(priced=True))
    assert c.confidence <= 0.5 and c.method == "conflict"
    # money owed back under that title (its totals below zero): the credit note stands
    assert classify(text, creditish, Hints(priced=True, credited=True)).confidence > 0.9


def test_a_handwritten_letters_given_name_takes_its_usual_accents_a_printed_one_keeps_its_spelling(rt):
    """The reading of handwriting loses accents (« Eloise », « Leila »); print keeps them, so a
    printed name without one is the person's own spelling."""
    text = ("Eloise DURROUX\n12 rue des Lilas\n31240 L'Union\nObjet : attestation d'assurance\n"
            "Madame, Monsieur,\nVeuillez trouver ci-joint mon attestation d'assurance habitation pour 2021.\n"
            "Cordialement,\nEloise Durroux\n")
    assert understand(scanned(text, 60.0), rt).extraction.fields["tenant_name"] == "Éloïse Durroux"
    assert understand(scanned(text, 93.0), rt).extraction.fields["tenant_name"] == "Eloise Durroux"
