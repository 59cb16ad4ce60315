"""A firm's letter that is no invoice: typed ``other``, its sender's identity still read."""

from __future__ import annotations

import pytest

from extractors.types import DocumentText, PageText
from stages.understand import understand

NEW_BANK = ("PROPRETÉ OCCITANE SERVICES\nNettoyage de parties communes - Entretien d'immeubles\n"
            "Siège : 46 route de Launaguet - 31200 TOULOUSE\nTél. 05 61 47 83 16 - gestion@proprete-occitane.fr\n\n"
            "SA d'HLM Les Toits d'Autan\nComptabilité Fournisseurs\n12 allée des Demoiselles\n31400 TOULOUSE\n\n"
            "Toulouse, le 8 février 2021\nObjet : changement de domiciliation bancaire\n\nMadame, Monsieur,\n"
            "Nous vous informons que notre société a transféré ses comptes auprès d'un nouvel établissement.\n"
            "Merci d'effectuer vos règlements sur le compte suivant :\n"
            "  Code banque : 42559 Code guichet : 10000 N° de compte : 08024718263 Clé RIB : 83\n"
            "  IBAN      : FR76 4255 9100 0008 0247 1826 383\n  BIC      : CCOPFRPPXXX\n\n"
            "Notre ancien compte sera clôturé le 31 mars 2021 ; les virements qui y seraient encore adressés "
            "nous seront retransmis, mais avec retard. Vous trouverez ci-joint un relevé d'identité bancaire.\n"
            "Pour toute vérification, vous pouvez joindre notre responsable administrative, au 05 61 47 83 10. "
            "Par mesure de sécurité, nous vous invitons à confirmer ce changement par téléphone avant tout règlement.\n"
            "Nous vous prions d'agréer, Madame, Monsieur, nos salutations distinguées.\n"
            "Le Président\nYannick Estebe-Vaysse\n\n"
            "PROPRETÉ OCCITANE SERVICES - SAS au capital de 60 000 € - RCS Toulouse 853 102 762\n"
            "SIRET 85310276200012 - TVA FR61853102762 - NAF 8121Z\n")


@pytest.fixture
def rt(aiguillage_home):
    from wiring.runtime import runtime

    return runtime()


def read(text: str, rt):
    return understand(DocumentText("lettre.pdf", [1], [PageText(number=1, text=text, method="pdf-text")]), rt)


def test_a_suppliers_letter_typed_other_carries_its_checked_identity_and_new_iban(rt):
    u = read(NEW_BANK, rt)
    assert u.classification.type == "other"
    f = u.extraction.fields
    assert (f["supplier_name"], f["supplier_siret"], f["supplier_vat"], f["iban"]) == (
        "Propreté Occitane Services", "85310276200012", "FR61853102762", "FR7642559100000802471826383")
    # a bank's account number beside its bank and branch codes is no tenant's account
    assert "tenant_reference" not in f


def test_a_letter_without_a_checked_identifier_gets_no_supplier(rt):
    # the same letter, its footer cut: a name alone proves no sender
    text = NEW_BANK.split("PROPRETÉ OCCITANE SERVICES - SAS")[0]
    f = read(text, rt).extraction.fields
    assert not any(k.startswith("supplier_") for k in f)


MSA_TEXT = """MSA MIDI-PYRENEES SUD
SERVICE PRESTATIONS FAMILIALES ET LOGEMENT
31064 TOULOUSE CEDEX 9
PATRIMOINE SA D HLM
SERVICE RECOUVREMENT
CS 70321
31053 TOULOUSE CEDEX 1
EDITE LE : 18/06/2020 PAGE : 1/1
REF. DOSSIER : PF/LOG/20/114572
NOTIFICATION DE DROITS --AIDE PERSONNALISEE AU LOGEMENT (APL)
VERSEMENT AU BAILLEUR (TIERS PAYANT)
M BARRERE JOACHIM
ALLOCATAIRE :
N. ADHERENT MSA : 0412 8876 3
REF. LOCATAIRE : 07-224519
ADRESSE LOGEMENT 3. LOTISSEMENT LES AUBEPINES
31370 RIEUMES
N. CONVENTION : 31/2/07.1998/89-1021/3104
MADAME, MONSIEUR,
NOUS VOUS INFORMONS QUE LES DROITS A L APL DE L ALLOCATAIRE CI-DESSUS ONT ETE
REEXAMINES SUITE A LA DECLARATION DE SES RESSOURCES ET A SA SITUATION D ACTIVITE
PARTIELLE. L AIDE VOUS SERA VERSEE DIRECTEMENT SELON LE DETAIL SUIVANT :
LE MONTANT DE L AIDE DOIT ETRE DEDUIT DU LOYER ET DES CHARGES DUS PAR VOTRE
LOCATAIRE. TOUT IMPAYE DOIT NOUS ETRE SIGNALE DANS LES DEUX MOIS.
LE DIRECTEUR
"""


def test_a_forms_name_read_above_its_label_is_taken_from_the_rows(rt):
    """The OCR read a form's value a line above its label (« M BARRERE JOACHIM » over
    « ALLOCATAIRE : »); the page read row by row puts them together."""
    from extractors.types import Word

    rows = MSA_TEXT.replace("M BARRERE JOACHIM\nALLOCATAIRE :", "ALLOCATAIRE : M BARRERE JOACHIM").splitlines()
    words = [Word(w, 100 + 140 * k, 100 + 60 * i, 120, 30, 95.0, i)
             for i, row in enumerate(rows) for k, w in enumerate(row.split())]
    page = PageText(number=1, text=MSA_TEXT, words=words, method="ocr")
    u = understand(DocumentText("msa.tiff", [1], [page]), rt)
    assert u.extraction.fields.get("tenant_name") == "Joachim Barrere"
