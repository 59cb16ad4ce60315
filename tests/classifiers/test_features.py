"""The landlord's vocabulary as features, the word-vector reader, and the rule that the two
readers must agree before a document is routed without a person (issue 14)."""

from __future__ import annotations

import pytest

from config import ConfigError


def test_lexicon_matches_any_form_of_a_term_at_word_starts():
    from classifiers.features import lexicon_tokens

    tokens = lexicon_tokens("Bonjour, des INFILTRATIONS au plafond et des impayés de loyer.")
    assert tokens.count("zzlexrepairrequest") == 2  # infiltration, plafond
    assert "zzlexpaymentdifficulty" in tokens  # impaye, accents and plural aside
    assert lexicon_tokens("un logiciel de débruitage") == []  # "bruit" inside a word is not the word


def test_a_lexicon_naming_an_unknown_type_is_refused_with_its_key(tmp_path):
    from config.lexicon import load_lexicon

    bad = tmp_path / "lexique.yaml"
    bad.write_text("repair_request: [fuite]\nplomberie: [robinet]\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="plomberie.*type inconnu"):
        load_lexicon(bad)
    bad.write_text("repair_request: fuite\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="repair_request.*liste"):
        load_lexicon(bad)


def test_an_older_model_reads_the_text_as_it_was_trained():
    from classifiers.features import FEATURES, model_input

    text = "Une fuite d'eau."
    assert "zzlex" in model_input(text, FEATURES)
    assert "zzlex" not in model_input(text, None)


def test_a_tables_frame_leaders_and_blanks_to_fill_are_no_words():
    """The bag of words sums a weight per token: eighty « │ » of an invoice's frame outweighed
    all its words (a born-digital invoice read as a payment difficulty at 1.0)."""
    from classifiers.features import FEATURES, model_input

    plain = "Facture 2021-10-042 Total HT 1 702,40 Nom : Signature : Bonjour... « oui »"
    framed = ("┌────┬────┐\n│ Facture │ 2021-10-042 │\n└────┴────┘\n│ Total HT │ 1 702,40 │\n"
              "Nom : .................. Signature : ________ ☐ ■ ==== ---- Bonjour... « oui »")
    assert model_input(framed, FEATURES).split() == model_input(plain, FEATURES).split()
    assert "..." in model_input(plain, FEATURES)  # a writer's ellipsis is kept: that is writing
    assert "│" in model_input(framed, "lexicon-1")  # a model trained before is fed as it was trained


def test_an_invoice_in_a_drawn_frame_is_read_by_its_words(rt):
    rows = "\n".join(f"│ {d:<40} │ {q:>4} │ {p:>10} │" for d, q, p in [
        ("Tonte pelouses et ramassage", 2, "370,00"), ("Taille de haies", 164, "385,40"),
        ("Évacuation déchets verts", 7, "168,00")] * 6)
    text = ("JARDINS DU TOUCH\nEspaces verts\nFacture\n┌────────────┬────────────┐\n│ Date       │ Numéro     │\n"
            "│ 29/10/2021 │ 2021-10-042 │\n└────────────┴────────────┘\n" + "─" * 90 + "\n" + rows + "\n" + "─" * 90 + "\n"
            "│ Total HT │ 1 702,40 │\n│ TVA 20 % │ 340,48 │\n│ Total TTC │ 2 042,88 │\n"
            "IBAN : FR76 4255 9743 3730 5437 3192 672\nPénalités de retard : trois fois le taux légal ; "
            "indemnité forfaitaire pour frais de recouvrement : 40 €.\nSIRET 49231670800246")
    probs = rt.model.probabilities(text)
    assert max(probs, key=probs.get) == "supplier_invoice"


def test_vector_reader_learns_saves_and_loads(tmp_path):
    from classifiers.vectors import VectorModel, train_vectors

    texts = ["Le chauffage est en panne et le radiateur fuit", "La chaudière ne marche plus, il fait froid",
             "Mon voisin fait du tapage toute la nuit", "Les voisins crient et mettent la musique fort"] * 3
    labels = ["repair_request", "repair_request", "neighbour_dispute", "neighbour_dispute"] * 3
    model = train_vectors(texts, labels, ("neighbour_dispute", "repair_request"), epochs=30)
    model.save(tmp_path)
    again = VectorModel.load(tmp_path)
    # words never seen in training, near those that were
    probs = again.probabilities_many(["Le chauffe-eau est cassé, plus d'eau chaude",
                                      "Les gens d'à côté hurlent tous les soirs"])
    assert max(probs[0], key=probs[0].get) == "repair_request"
    assert max(probs[1], key=probs[1].get) == "neighbour_dispute"
    assert all(abs(sum(p.values()) - 1) < 1e-5 for p in probs)


def test_readers_that_disagree_send_the_document_to_a_person(rt, monkeypatch):
    from classifiers.model import DISAGREEMENT_CAP

    model = rt.model
    assert model.vectors is not None and model.meta["agreement"]
    text = "Objet : votre courrier\nBonjour, une fuite d'eau sous l'évier inonde la cuisine depuis ce matin."
    sure = model.probabilities(text)
    assert max(sure, key=sure.get) == "repair_request" and max(sure.values()) > 0.9
    other = {t: (0.9 if t == "neighbour_dispute" else 0.1 / (len(model.labels) - 1)) for t in model.labels}
    monkeypatch.setattr(model.vectors, "probabilities_many", lambda texts: [other for _ in texts])
    doubtful = model.probabilities(text)
    assert max(doubtful.values()) <= DISAGREEMENT_CAP
    # a subject line naming the type one of them chose settles it: that reader's reading stands
    settled = model.probabilities(text.replace("votre courrier", "fuite sous l'évier"))
    assert max(settled, key=settled.get) == "repair_request" and max(settled.values()) > DISAGREEMENT_CAP


def test_vectors_unsure_of_their_own_type_do_not_overrule_a_certain_bag_of_words(rt, monkeypatch):
    """A letter in its type's words but phrasing the vectors never met: the vectors lean
    elsewhere without conviction, the bag of words is certain; no person is needed."""
    from classifiers.model import DISAGREEMENT_CAP, readers_agree

    model = rt.model
    text = ("Objet : fuite d'eau dans la salle de bain\nMadame, Monsieur,\nJe vous signale une fuite d'eau "
            "importante sous la baignoire de mon logement depuis trois jours.\nLe plafond du voisin du dessous "
            "commence à être taché. Merci d'envoyer un plombier rapidement pour la réparation.")
    rest = (1 - 0.4 - 0.3) / (len(model.labels) - 2)
    unsure = {t: 0.4 if t == "neighbour_dispute" else 0.3 if t == "repair_request" else rest for t in model.labels}
    monkeypatch.setattr(model.vectors, "probabilities_many", lambda texts: [unsure for _ in texts])
    probs = model.probabilities(text)
    assert max(probs, key=probs.get) == "repair_request" and max(probs.values()) > DISAGREEMENT_CAP
    certain = {t: 0.995 if t == "repair_request" else 0.005 / (len(model.labels) - 1) for t in model.labels}
    fairly_sure = {t: 0.98 if t == "repair_request" else 0.02 / (len(model.labels) - 1) for t in model.labels}
    assert readers_agree(certain, unsure)
    assert not readers_agree(fairly_sure, unsure)  # the bag of words only fairly sure: a person decides
    convinced = dict(unsure, neighbour_dispute=0.75, repair_request=0.05)
    assert not readers_agree(certain, convinced)  # the vectors convinced otherwise: a person decides
