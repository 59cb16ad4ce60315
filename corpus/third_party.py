"""Letters from third parties about a tenant (insurer, CAF, bailiff, court) and ``other`` mail."""

from __future__ import annotations

import random
from datetime import timedelta

from config.registries import Tenant
from extractors.person_names import normalise_person
from corpus.fmt import fmt_amount, fmt_date, fmt_reference, money
from corpus.model import Block, DocContent, Letterhead, line, para, pagebreak, rule, space
from corpus.tenant_mail import letter_date, sender_block

INSURERS = ("Mutuelle du Sud-Ouest Assurances", "Garonne Mutuelle", "Assur'Habitat Direct", "Mutuelle Occitane d'Assurance",
            "Prévoyance et Habitat", "La Tutélaire Assurances", "Crédit Rural Assurances", "Mutuelle des Pyrénées")
BAILIFFS = ("SELARL Castex & Marty, Commissaires de justice associés", "Maître Jean-Paul FOURCADE, Commissaire de justice",
            "SCP Delpech - Rouquette, Commissaires de Justice", "Étude de Maître Sabatier, Commissaire de justice")
LAWYERS = ("Maître Claire ESCUDIER, Avocat au Barreau de Toulouse", "Cabinet Azaïs & Associés, Avocats")


def _tenant_lines(t: Tenant, fields: dict[str, str], rng: random.Random, with_ref: bool) -> list[Block]:
    fields["tenant_name"] = normalise_person(t.tenant_name.split())
    fields["postal_code"] = t.postal_code
    out = [line(t.tenant_name.upper() if rng.random() < 0.5 else t.tenant_name, indent=0.5),
           line(t.address, indent=0.5), line(f"{t.postal_code} {t.city.upper()}", indent=0.5)]
    if with_ref:
        out.append(line(f"Référence bailleur : {fmt_reference(rng, t.tenant_reference)}", indent=0.5))
        fields["tenant_reference"] = t.tenant_reference
    return out


def insurance_certificate(rng: random.Random, t: Tenant) -> DocContent:
    fields: dict[str, str] = {}
    insurer = rng.choice(INSURERS)
    start = letter_date(rng)
    blocks: list[Block] = []
    cover = rng.random() < 0.3
    if cover:  # the tenant's covering note, then the certificate on page 2
        blocks += sender_block(rng, t, fields, rng.random() < 0.6) + [space(2)]
        blocks += [line(f"Toulouse, le {fmt_date(rng, start + timedelta(days=rng.randint(1, 20)))}", indent=0.5), space(),
                   para(rng.choice(("Veuillez trouver ci-joint mon attestation d'assurance habitation pour cette année.",
                                    "Comme demandé, je vous envoie l'attestation d'assurance du logement.",
                                    "Bonjour, voici mon attestation d'assurance. Cordialement."))),
                   space(2), line(t.tenant_name, indent=0.55), pagebreak()]
    contract = f"{rng.choice(('HAB', 'MRH', 'CH'))}{rng.randint(1000000, 9999999)}"
    blocks += [line(insurer, size=13, bold=True), line("Service clients - 0 969 32 10 10", size=8), space(2)]
    blocks += [line(rng.choice(("ATTESTATION D'ASSURANCE HABITATION", "Attestation d'assurance",
                                "ATTESTATION MULTIRISQUE HABITATION")), size=15, bold=True, align="center"), space()]
    fields["tenant_name"] = normalise_person(t.tenant_name.split())
    fields["postal_code"] = t.postal_code
    blocks += [para(f"{insurer} atteste que {t.tenant_name} est titulaire du contrat n° {contract} garantissant "
                    f"le logement situé {t.address}, {t.postal_code} {t.city}, dont il/elle est locataire."),
               space(),
               line(f"Période de validité : du {fmt_date(rng, start)} au {fmt_date(rng, start + timedelta(days=364))}"),
               space(), line("Garanties souscrites :", bold=True)]
    for g in rng.sample(("Responsabilité civile vie privée", "Risques locatifs (incendie, explosion, dégâts des eaux)",
                         "Vol et vandalisme", "Bris de glace", "Catastrophes naturelles", "Recours des voisins et des tiers"),
                        rng.randint(2, 5)):
        blocks.append(line("- " + g, indent=0.05))
    blocks += [space(), para("La présente attestation ne peut engager l'assureur au-delà des conditions du contrat "
                             "auquel elle se réfère.", size=8), space(),
               line(f"Fait à {rng.choice(('Toulouse', 'Niort', 'Bordeaux', 'Paris'))}, le {fmt_date(rng, start)}",
                    indent=0.5), line("Pour l'assureur, le service gestion", indent=0.5)]
    lh = Letterhead(insurer, (0.1, 0.2, 0.5), rng.choice(("circle", "bars")), "Assurances")
    return DocContent("insurance_certificate", False, fields, blocks, letterhead=lh, family="official")


def housing_benefit(rng: random.Random, t: Tenant) -> DocContent:
    fields: dict[str, str] = {}
    when = letter_date(rng)
    alloc = f"{rng.randint(1000000, 9999999)}"
    blocks = [line("Caisse d'Allocations Familiales de la Haute-Garonne", bold=True, size=12),
              line("24 rue Riquet - 31046 Toulouse Cedex 9", size=8), space(),
              line("PATRIMOINE - Service recouvrement", indent=0.5), line("2 rue du Languedoc", indent=0.5),
              line("31000 Toulouse", indent=0.5), space(),
              line(f"Toulouse, le {fmt_date(rng, when)}", indent=0.5), space(),
              line(f"N° allocataire : {alloc}"),
              line(f"Allocataire : {t.tenant_name}")]
    fields["tenant_name"] = normalise_person(t.tenant_name.split())
    blocks.append(line(f"Logement : {t.address}, {t.postal_code} {t.city}"))
    fields["postal_code"] = t.postal_code
    if rng.random() < 0.5:
        blocks.append(line(f"Votre référence : {fmt_reference(rng, t.tenant_reference)}"))
        fields["tenant_reference"] = t.tenant_reference
    apl = money(rng.uniform(80, 420))
    kind = rng.randrange(4)
    subject, body = (
        ("Objet : Notification de droit à l'aide personnalisée au logement (APL)",
         f"Nous vous informons que le droit à l'APL de votre locataire est ouvert. À compter du "
         f"{fmt_date(rng, when.replace(day=1))}, le montant mensuel versé en tiers payant s'élève à {fmt_amount(rng, apl)}."),
        ("Objet : Signalement d'impayé de loyer",
         "Nous accusons réception de votre signalement d'impayé. Le maintien de l'aide au logement est subordonné "
         "à la mise en place d'un plan d'apurement dans un délai de six mois."),
        ("Objet : Suspension du versement de l'aide au logement",
         f"Faute de justificatifs, le versement de l'APL ({fmt_amount(rng, apl)} par mois) est suspendu à compter "
         f"du {fmt_date(rng, when + timedelta(days=30))}. Il reprendra dès réception des pièces demandées."),
        ("Objet : Demande d'attestation de loyer",
         "Afin d'étudier les droits de votre locataire, merci de nous retourner l'attestation de loyer ci-jointe "
         "complétée et signée avant la fin du mois."),
    )[kind]
    blocks += [space(), line(subject, bold=True), space(), line("Madame, Monsieur,"), space(0.5), para(body), space(0.5),
               para("Pour toute question, contactez-nous sur caf.fr ou au 32 30 (service gratuit + prix d'un appel)."),
               space(), line("Le Directeur", indent=0.55)]
    lh = Letterhead("caf", (0.0, 0.45, 0.75), "circle", "Allocations familiales")
    return DocContent("housing_benefit", False, fields, blocks, letterhead=lh, family="official")


def legal_notice(rng: random.Random, t: Tenant) -> DocContent:
    fields: dict[str, str] = {}
    when = letter_date(rng)
    kind = rng.randrange(4)
    debt = money(rng.uniform(600, 9000))
    if kind == 0:
        issuer = rng.choice(BAILIFFS)
        title = "COMMANDEMENT DE PAYER VISANT LA CLAUSE RÉSOLUTOIRE"
        body = [f"À la requête de PATRIMOINE, bailleur, nous avons signifié le {fmt_date(rng, when)} à "
                f"{t.tenant_name}, demeurant {t.address}, {t.postal_code} {t.city}, un commandement d'avoir à payer "
                f"dans un délai de six semaines la somme de {fmt_amount(rng, debt)} au titre des loyers et charges impayés.",
                "À défaut, le bailleur entend se prévaloir de la clause résolutoire insérée au bail."]
    elif kind == 1:
        issuer = "TRIBUNAL JUDICIAIRE DE TOULOUSE - Pôle de proximité"
        hearing = when + timedelta(days=rng.randint(30, 90))
        title = "CONVOCATION À L'AUDIENCE"
        body = [f"Affaire : PATRIMOINE c/ {t.tenant_name}. RG n° {when.year % 100}/{rng.randint(1000, 9999):05d}.",
                f"Les parties sont convoquées à l'audience du {fmt_date(rng, hearing, style=1)} à "
                f"{rng.choice(('9h00', '9h30', '14h00'))}, salle {rng.randint(1, 12)}, 2 allées Jules Guesde, Toulouse.",
                "Objet de la demande : résiliation du bail, expulsion et paiement de l'arriéré locatif."]
    elif kind == 2:
        issuer = rng.choice(LAWYERS)
        title = "MISE EN DEMEURE"
        body = [f"J'interviens au nom de {t.tenant_name}, locataire au {t.address}, {t.postal_code} {t.city}.",
                "Malgré plusieurs signalements, le logement présente une humidité importante et des désordres "
                "rendant le logement indécent au sens du décret du 30 janvier 2002.",
                "Je vous mets en demeure de réaliser les travaux nécessaires sous quinze jours, faute de quoi "
                "mon client saisira la juridiction compétente."]
    else:
        issuer = rng.choice(BAILIFFS)
        title = rng.choice(("SIGNIFICATION DE JUGEMENT", "PROCÈS-VERBAL DE CONSTAT"))
        body = [f"Dossier PATRIMOINE / {t.tenant_name} - {t.address}, {t.postal_code} {t.city}.",
                f"Acte dressé le {fmt_date(rng, when)} par le commissaire de justice soussigné, dont le coût s'élève "
                f"à {fmt_amount(rng, money(rng.uniform(40, 250)))}.",
                "Le présent acte vous est adressé pour information et suite à donner."]
    fields["tenant_name"] = normalise_person(t.tenant_name.split())
    if kind != 1:
        fields["postal_code"] = t.postal_code
    blocks = [line(issuer, bold=True, size=11), line(rng.choice(("14 rue Alsace-Lorraine", "8 allées Jean Jaurès",
                                                                  "2 allées Jules Guesde")) + " - Toulouse", size=8),
              space(), line("PATRIMOINE - Service contentieux", indent=0.5), line("2 rue du Languedoc", indent=0.5),
              line("31000 Toulouse", indent=0.5), space()]
    if rng.random() < 0.5:
        blocks.append(line(f"Votre réf. : {fmt_reference(rng, t.tenant_reference)}"))
        fields["tenant_reference"] = t.tenant_reference
    if kind == 2 and rng.random() < 0.6:
        blocks.append(line("Lettre recommandée avec accusé de réception", size=9))
    blocks += [line(f"Toulouse, le {fmt_date(rng, when)}", indent=0.5), space(),
               line(title, bold=True, size=13, align="center"), space()]
    for b in body:
        blocks += [para(b), space(0.5)]
    blocks += [space(), line(rng.choice(("Le Commissaire de justice", "Le Greffier", "L'Avocat", "Signature")), indent=0.55)]
    lh = Letterhead(issuer.split(",")[0], (0.2, 0.2, 0.2), rng.choice(("bars", "square", "none")), "")
    return DocContent("legal_notice", True, fields, blocks, letterhead=lh, family="official")


OTHER = (
    ("PIZZA NAPOLI - Livraison gratuite", ["-20 % sur votre première commande avec le code BIENVENUE.",
                                            "Ouvert 7j/7 de 18h à 23h. Commandez au 05 61 00 00 00."]),
    ("Le Journal des locataires", ["Dans ce numéro : la fête des voisins de la résidence, les travaux de réhabilitation "
                                   "de l'année et le tri sélectif.", "Rappel : les encombrants sont collectés le premier "
                                   "mardi de chaque mois."]),
    ("Mairie de Toulouse - Information travaux", ["Des travaux de voirie auront lieu dans votre quartier pendant trois "
                                                  "semaines.", "La circulation sera alternée aux heures de pointe."]),
    ("Association des locataires", ["Nous vous invitons à notre assemblée générale annuelle à la salle des fêtes.",
                                    "Ordre du jour : charges locatives, sécurité, animations."]),
    ("Enquête de satisfaction", ["Votre avis compte ! Merci de remplir ce questionnaire et de le retourner à votre agence.",
                                 "1. Êtes-vous satisfait de la propreté des parties communes ? Oui / Non"]),
    ("Fenêtres Confort Plus", ["Profitez de notre offre exceptionnelle sur le double vitrage.",
                               "Devis gratuit à domicile, crédit d'impôt possible."]),
    ("Vide-grenier du quartier", ["Dimanche de 8h à 18h sur le parking de la résidence.",
                                  "Inscriptions auprès du gardien, 5 € l'emplacement."]),
    ("Courrier mal adressé", ["Bonjour, j'ai reçu dans ma boîte ce courrier qui ne m'est pas destiné.",
                              "Je vous le transmets pour que vous le fassiez suivre. Merci."]),
    ("Lettre d'information de l'Union sociale pour l'habitat", ["Les chiffres clés du logement social en Occitanie.",
                                                                "Agenda des rencontres régionales."]),
)


def other_document(rng: random.Random) -> DocContent:
    title, paras = rng.choice(OTHER)
    when = letter_date(rng)
    blocks: list[Block] = [line(title, size=rng.choice((14, 16, 20)), bold=True, align=rng.choice(("left", "center"))),
                           rule(), space()]
    if rng.random() < 0.5:
        blocks.append(line(fmt_date(rng, when)))
    for p in paras:
        blocks += [para(p), space(0.5)]
    lh = Letterhead(title, (rng.random() * 0.8, rng.random() * 0.8, rng.random() * 0.8),
                    rng.choice(("circle", "square", "triangle", "bars")), "") if rng.random() < 0.6 else None
    return DocContent("other", False, {}, blocks, letterhead=lh, family="other")
