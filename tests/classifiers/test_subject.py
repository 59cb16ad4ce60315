"""The subject line settling the two readers of the type when they disagree."""

from classifiers.model import readers_agree, settled_by_subject
from classifiers.subject import subject_type


def test_the_one_type_a_subject_line_names():
    assert subject_type("Mme X\nObjet : préavis de départ du logement\nMadame,") == "lease_termination"
    assert subject_type("OBJET ; Rassemblements et fumée dans le hall - entrée 2\n") == "neighbour_dispute"
    assert subject_type("Objet : blattes et rats - demande de désinsectisation\n") == "repair_request"
    assert subject_type("Objet : fuite sous l'évier et retard de loyer\n") is None  # two matters: no answer
    assert subject_type("Madame, je vous écris pour le bruit.\n") is None  # no subject line
    # a webmail's header
    assert subject_type("De: Yanis <y@gmail.com>\nSubject: Punaises de lit !!\nTo: <technique@x.fr>\n") == "repair_request"
    # a subject on two lines, the first naming the person, the second the matter
    two = "Objet : Mme Sophie GAILLARD - 4 allée des Sureaux, 31520 RAMONVILLE\nDemande d'attestation et de quittances\n"
    assert subject_type(two + "Madame, Monsieur,\n") == "certificate_or_receipt_request"
    # what follows a subject naming no matter is not its second line: a greeting, a reference
    assert subject_type("Objet : Mme Sophie GAILLARD\nMadame, Monsieur, votre quittance\n") is None
    assert subject_type("Objet : votre courrier\nN/Réf : dossier expulsion 21-04\n") is None


def _reader(top: str, p: float) -> dict[str, float]:
    rest = (1 - p) / 2
    others = [t for t in ("neighbour_dispute", "other", "social_distress", "supplier_invoice") if t != top][:2]
    return {top: p, others[0]: rest, others[1]: rest}


def test_the_reader_the_subject_names_settles_a_disagreement():
    text = "Manon Bories\nObjet : Rassemblements et fumée dans le hall\nBonsoir,\n"
    bow, vec = _reader("neighbour_dispute", 0.9), _reader("other", 0.8)
    assert not readers_agree(bow, vec)
    assert settled_by_subject(text, bow, vec) is bow
    assert settled_by_subject(text, _reader("other", 0.9), _reader("neighbour_dispute", 0.6))["neighbour_dispute"] == 0.6
    # a subject naming neither reader's type, or none at all: still a person's decision
    assert settled_by_subject(text.replace("Rassemblements et fumée dans le hall", "votre courrier"), bow, vec) is None
    # a supplier's piece is left to its title; distress to its own confirmation
    assert settled_by_subject(text, bow, _reader("supplier_invoice", 0.8)) is None
    assert settled_by_subject("Objet : signalement de violences\n", _reader("social_distress", 0.9),
                              _reader("other", 0.8)) is None
