"""Rules read from mail written by other hands (the thirtieth development set): a civility glued to
the name, a speck after a surname, a leaving tenant's new address, a works' progress statement,
the purchase order over the public contract, a technician's report enclosed, a handwritten
letter after a typed one that encloses a judgment."""

from __future__ import annotations

from config.registries import Registries
from extractors.boundaries import document_starts
from extractors.fields import extract_fields
from extractors.person_names import clean_person
from tests.extractors.test_fields_third_party import tenant


def test_a_civility_glued_to_the_name_by_the_ocr():
    assert clean_person("M.CAZENEUVE Bastien") == "Bastien Cazeneuve"
    msa = ("MSA Midi-Pyrénées Sud\nPrestations familiales et logement\n31064 TOULOUSE CEDEX 9\n"
           "PATRIMOINE SA D'HLM\nGestion locative - Aides au logement\n9 allée des Platanes\nBP 81234\n"
           "31012 TOULOUSE CEDEX 6\nN° de dossier MSA : 031 2 87 04 512 018\nBénéficiaire :M.CAZENEUVE Bastien\n"
           "Adresse du logement : Résidence du Lac - 27 avenue des Saules - 31390 CARBONNE\n"
           "NOTIFICATION AU BAILLEUR - AIDE PERSONNALISEE AU LOGEMENT\nMadame, Monsieur,\n"
           "Le droit de votre locataire a été réexaminé.\n")
    assert tenant(msa, "housing_benefit")["tenant_name"] == "Bastien Cazeneuve"
    fsl = ("DÉPARTEMENT DE LA HAUTE-GARONNE\nFonds de Solidarité pour le Logement (FSL)\n"
           "Dossier n° : FSL-M-2021-00642\nToulouse, le 15 février 2021\n"
           "NOTIFICATION DE DECISION - AIDE AU MAINTIEN DANS LE LOGEMENT\nDemandeur :M.NGOMA Ghislain\n"
           "Logement : 22 rue des Chardonnerets - Appt 503 - 31100 TOULOUSE\nMadame, Monsieur,\n"
           "La commission a examiné la demande d'aide au maintien présentée pour le ménage désigné ci-dessus.\n")
    assert tenant(fsl, "housing_benefit")["tenant_name"] == "Ghislain Ngoma"


def test_a_speck_read_as_a_dot_after_a_surname_in_capitals():
    assert clean_person("M. VERDIER. Dylan") == "Dylan Verdier"
    police = ("POLICE NATIONALE\nRÉQUISITION JUDICIAIRE\nNous, Jérôme ESTÈVE,\nBrigadier-chef de police\n"
              "REQUERONS :\nPATRIMOINE SA D'HLM - Service Gestion Locative\n"
              "De bien vouloir nous communiquer, concernant le logement loué par votre société à:\n"
              "M. VERDIER. Dylan, né le 04/07/1996 à ALBI (81)\n33 chemin des Genêts - Bât. A - Appt 7 - 31130 BALMA\n"
              "les renseignements et documents suivants\nL'Officier de police judiciaire\nESTEVE Jérôme\n")
    assert tenant(police, "legal_notice")["tenant_name"] == "Dylan Verdier"


def test_a_leaving_tenants_new_address_is_not_their_postcode():
    letter = ("Étienne ROUMAGNAC\nAppartement 305 - Résidence Le Canal\n22 avenue de Toulouse\n"
              "31520 RAMONVILLE-SAINT-AGNE\nPATRIMOINE SA Languedocienne\nService Gestion Locative\n"
              "33 avenue des États-Unis\n31200 TOULOUSE\nRamonville, le 12 octobre 2020\n"
              "Objet : congé du logement - préavis réduit à un mois\nMadame, Monsieur,\n"
              "Par la présente, je vous notifie mon congé du logement.\n"
              "A compter du 16 novembre, ma nouvelle adresse sera : 7 rue de Chatillon, 35000 Rennes. Je vous\n"
              "saurais gré d'y adresser la restitution du dépôt de garantie.\n"
              "Je vous prie d'agréer, Madame, Monsieur, l'expression de mes salutations distinguées.\n"
              "Etienne Roumagnac\n")
    f = extract_fields("lease_termination", "tenant", letter, Registries((), ())).fields
    assert f["postal_code"] == "31520"


SITUATION = ("BÂTIMENT RÉHABILITATION OCCITANIE\nSAS au capital de 600 000 € - 8 chemin de la Saudrune - 31120 PORTET\n"
             "FACTURE - SITUATION DE TRAVAUX N° 4\nN° de facture : SIT-2021-0057\nDate : 31/05/2021\n"
             "Marché n° 2020-RT-011 - Lot 01 : isolation thermique par l'extérieur\n"
             "RÉCAPITULATIF\nMontant cumulé des travaux exécutés HT (voir décompte) 169 060,00 €\n"
             "À déduire : situations n° 1 à 3 HT -112 480,00 €\nMONTANT DE LA SITUATION N° 4 HT 56 580,00 €\n"
             "TVA 5,5 % (travaux d'amélioration de la qualité énergétique) 3 111,90 €\nMONTANT TTC 59 691,90 €\n"
             "Retenue de garantie 5 % -2 984,60 €\nNET À PAYER 56 707,30 €\n\n"
             "DÉCOMPTE DETAILLE AU 31/05/2021\nN° Poste Marché HT Avanc. Cumul HT\n"
             "1 Installation de chantier 12 400,00 100% 12 400,00\n2 ITE façades 294 600,00 52% 151 810,00\n"
             "Total marché de base 307 000,00 164 210,00\nAvenant n° 1 4 850,00 100% 4 850,00\n"
             "CUMUL DES TRAVAUX EXÉCUTÉS HT 169 060,00\n")


def test_a_progress_statements_own_totals_and_a_remark_in_brackets_between_rate_and_tax():
    f = extract_fields("supplier_invoice", "supplier", SITUATION, Registries((), ())).fields
    assert (f["total_excl_tax"], f["total_tax"], f["total_incl_tax"]) == ("56580.00", "3111.90", "59691.90")


def test_the_purchase_order_over_the_public_contract_and_initials_before_the_name():
    invoice = ("C.E.T. - CHAUFFAGE ENTRETIEN TOULOUSAIN\n43 avenue des Etats-Unis - 31200 TOULOUSE\n"
               "FACTURE N. : CET/20/1093 DATE : 31/10/2020\nCLIENT : 411PATRI ECHEANCE : 30/11/2020\n"
               "MARCHE : 2019-CH-07 LOT 2 - ENTRETIEN CHAUDIERES GAZ INDIVIDUELLES\nCOMMANDE : 4500017790\n"
               "TOTAL HT 6 149,00\nTVA 10,0 % 614,90\nTOTAL TTC 6 763,90\n"
               "SARL C.E.T. CAPITAL 45 000 EUR - SIRET 851 203 703 03913 - NAF 4322B - TVA FR82851203703\n")
    f = extract_fields("supplier_invoice", "supplier", invoice, Registries((), ())).fields
    assert f["order_reference"] == "4500017790"
    assert f["supplier_name"] == "Chauffage Entretien Toulousain"


def test_a_technicians_report_the_letter_points_to_stays_with_it():
    letter = ("GAZÉLYS DISTRIBUTION\nGestionnaire du réseau de distribution de gaz naturel\n"
              "PATRIMOINE SA D'HLM\nDirection Technique - Maintenance\n9 allée des Platanes - BP 81234\n"
              "31012 TOULOUSE CEDEX 6\nToulouse, le 10 novembre 2020\n"
              "Objet : Mise en sécurité d'une installation intérieure de gaz\nMadame, Monsieur,\n"
              "Le 9 novembre 2020, nos techniciens sont intervenus en urgence. Les constatations effectuées\n"
              "(voir fiche jointe) ont conduit à interrompre l'alimentation en gaz du logement.\n"
              "Nous vous prions d'agréer, Madame, Monsieur, nos salutations distinguées.\n"
              "Le Responsable de l'Agence Interventions\nDamien LABORIE\n")
    report = ("FICHE D'INTERVENTION - MISE EN SÉCURITÉ DE L'INSTALLATION INTÉRIEURE\n"
              "N° INT-31-20-118744 Date : 09/11/2020 Heure : 19h40\nCLIENT / OCCUPANT\n"
              "Nom, prénom ...... PETROSSIAN Anahit\nAdresse .......... 14 rue des Pluviers - Appt 12 - 31500 TOULOUSE\n"
              "Téléphone ........ 06 33 82 17 05\n"
              "MOTIF DE L'INTERVENTION : appel urgence - odeur de gaz dans la cuisine\n")
    assert document_starts([letter, report]) == [0]


def test_a_handwritten_letter_after_one_that_encloses_a_judgment_is_not_the_judgment():
    """The year of the handwritten letter's date misread (« le 14 avril LOTO »), its residence
    abbreviated (« Rés. »): still a writer's head after a typed letter that closed."""
    letter = ("ASSOCIATION TUTÉLAIRE DU TOULOUSAIN\nService Mandataire Judiciaire à la Protection des Majeurs\n"
              "Toulouse, le 12 mai 2021\nObjet : M. LAGARRIGUE Serge - mesure de curatelle renforcée\n"
              "Madame, Monsieur,\nPar jugement du 20 avril 2021, dont copie ci-jointe, le juge a placé M. Serge\n"
              "LAGARRIGUE sous curatelle renforcée.\n"
              "Nous vous prions d'agréer, Madame, Monsieur, l'expression de nos salutations distinguées.\n"
              "Nicolas THÉRON\nMandataire judiciaire à la protection des majeurs\nP.J. : copie du jugement du 20/04/2021\n")
    handwritten = ("Opnélie CASTETS\nRés. Les Hirendelles, apt UB, ler étage\nIt re d Pic de Midi\n31700 BLACNAC\n"
                   "réf. 1059830\nBlagnac, le 14 avril LOTO\nObset nuisances sonores appt 35\nVene courrier\n"
                   "Madane, Monsieur,\nSe veus ai dé sa écrit le V avril au suset\nde man voisin du dessus\n")
    assert document_starts([letter, handwritten], ["print", "hand"]) == [0, 1]
