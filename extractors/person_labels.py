"""Where names are printed in mail, as patterns on folded text (lower case, no accents): a
letter's closing formulas, addresses, webmail headers, the writer introducing themselves, the
labels third parties put before the person concerned, relatives and professionals, companies.
Used by :mod:`extractors.fields_person`."""

from __future__ import annotations

import re

from extractors.parsing import PHONE

CLOSING = re.compile(r"cordialement|salutations|sentiments|respectueusement|mes respects|bien a vous|"
                     r"merci d'avance|merci par avance|remerciant|bonne (?:journee|reception|soiree)|a bientot|"
                     r"merci (?:de|pour) votre|dans l'attente|je vous prie|veuillez agreer|bien cordialement|"
                     r"sincerely|best regards|kind regards|regards")
ADDRESS = re.compile(r"\b\d{1,4}\s*(?:bis|ter|[a-d])?\s*,?\s*(?:rue|av(?:enue)?|all[ée]e|chemin|impasse|bd|boulevard|place|"
                      r"route|quai|cours|square|r[ée]sidence|lotissement|cit[ée]|hameau|passage|esplanade|promenade)\b|"
                      r"\b(?:b[âa]t(?:iment)?|appt|appartement|r[ée]sidence|escalier|porte)\b|\b\d{5}\s+[A-Za-zÀ-ÿ]", re.I)
# (« Expéditeur : Mme Françoise DA COSTA, 4 rue … »: the address after a comma)
WEBMAIL = re.compile(r"(?m)^[ \t>]*(?:de|from|expediteur|envoye par)\s*:\s*(?P<name>[^<\n\[(@]{3,60}?)\s*(?:<|\[|\(|,(?=\s*\d)|$)")
# the writer introducing themselves: « je m'appelle Samira HADDOU », « c'est madame X du 12 rue… »,
# « je suis Jessica PEREZ appartement 12 » (without a civility, only with the surname in capitals)
INTRODUCTION = re.compile(r"\b(?:(?P<call>je\s+m'?\s?appelle|je\s+me\s+nomme|mon\s+nom\s+est)|je\s+suis|c'?\s?est)\s+"
                           r"(?P<civ>(?:monsieur|madame|mademoiselle|mme|mlle|m\.)\s+)?(?P<name>[a-z'\-]{2,25}(?: [a-z'\-]{2,25}){1,2}?)"
                           r"(?=\s*(?:[\n,;.(]|$|\s(?:du|de|au|a|appartement|appt|locataire|et|j'|je|dans|domicilie|demeurant|"
                           r"habitant)\b))")
SOUSSIGNE = re.compile(r"je\s+soussigne(?:\(e\)|e)?s?\s*,?\s*")
NAME = r"(?P<name>[a-z'\- .]{3,60}?)"  # on folded text: letters only, so a match never spans a sentence
CIV = r"(?:monsieur|madame|mademoiselle|mme|mlle|mile|m\.|m,(?=[ \t]+[a-z])|mr\.?)(?:\s+et\s+(?:madame|mme))?\s+"
# (« … Vahé N° de contrat » too: no word boundary after « ° » or « . »)
# (« ALLOCATAIRE : MUNTEANU DORIN N. ALLOCATAIRE : 3107725 K »: the next label, « N° » written « N. »)
END = (r"\s*(?:[\n,;(]|-\s|$|(?=\s+(?:compte|contrat|dossier|n°|ref\.?|reference|tel\.?|telephone)(?![a-z])|"
       r"\s+n\.\s*(?:allocataire|locataire|dossier|contrat|compte|client|adherent|assure|police|bailleur)\b))")
# "M DIALLO" on a form; « M.NGOMA Ghislain », the space lost after the dot
CIV_BARE = r"(?:monsieur|madame|mademoiselle|mme|mlle|mile|m\.?|mr\.?)(?:\s+et\s+(?:madame|mme))?(?:\s+|(?<=\.)(?=[a-z]{3}))"
# a form's label, then a colon or dot leaders ("Nom, prénom .......: X", "Sociétaire ...... X")
# (dot leaders the OCR ended with a stray « 0 » or « o »: « Allocataire .........0 Madame X »)
LABEL_SEP = r"(?:[ \t]*[.…_]*[ \t]*:|[ \t]*[.…_]{3,}[^\n:]{0,4}:|[ \t]*[.…_]{3,}[ \t]*[0-9o°,'\-]{1,3}[ \t]+(?=(?:m\.|mme|monsieur|madame)\s)|[ \t]*[.…_]{3,}[ \t]*[0o°,'\-]{1,2}[ \t]+|[^\n:.]{0,6}[.…]{3,})\s*"
CONCERNED = [re.compile(rx) for rx in (
    r"(?m)\b(?:allocata[it]?[it]re|locataire|assure(?:\s?\(e\)|e)?|souscripteur|beneficiaire|societaire|adherent|occupante?s?|salariee?|"
    r"defendeur|defenderesse|debit(?:eur|rice)(?:\(s\)|s)?|redevable|preneur|nom\s+du\s+locataire|nom\s*[,/—–-]?\s*(?:et\s+)?prenoms?|"
    r"menage|foyer|personne\s+protegee|majeur\s+protege|titulaire(?:\s+du\s+contrat)?|"
    # a social service's report: « Personne concernée : M. PEYRUSSE Antoine », « Usager : »
    r"personne\s+(?:concernee|signalee|accompagnee|suivie)|usager(?:e)?|patiente?|"  # (a care service's « Patiente : »)
    r"abonnee?|"  # a water or energy board's subscriber (« Abonné : M. ARAKELIAN Vahé »)
    r"nom|tenant|name)(?:\s+(?:concernee?|(?:du\s+)?titulaire(?:\s+du\s+(?:bail|compte|contrat))?|principale?|en\s+titre|"
    r"connue?(?:\s+de\s+l'\s?administration)?|declaree?|actuel(?:le)?))?"
    r"(?:\s+(?:de\s+l'\s?|du\s+|de\s+la\s+)(?:assuree?|assure\s?\(e\)|souscript(?:eur|rice)|locataire|allocataire|"
    r"beneficiaire|adherente?|societaire))?(?:[ \t]*\([^)\n]{0,40}\))?"
    # a bilingual form: « Assuré(e) / Policyholder ...... »
    r"(?:[ \t]*/[ \t]*(?:policy\s?holder|insured|tenant|(?:full\s+)?name|beneficiary|holder))?" + LABEL_SEP
    # the person's number at the office before their name (« ALLOCATAIRE : 2774501   WISNIEWSKI PIOTR »)
    + r"(?:\d{5,12}[ \t]+)?" + NAME
    + END,
    r"(?m)^[ \t]*(?:assure\s?\(e\)|assuree?|souscript(?:eur|rice)|adherente?|allocataire|beneficiaire|societaire)[ \t]+"
    r"(?P<name>[a-z'\-]{2,25}(?: [a-z'\-]{2,25}){1,3})[ \t]*$",
    # a two-column heading ending on « REDEVABLE », the taxpayer ending the line under it (a tax
    # office's « TIERS DÉTENTEUR   REDEVABLE » over « PATRIMOINE   M. LARRIEU Kévin »)
    r"(?m)\bredevable[ \t]*\n[^\n]*?\b" + CIV_BARE + NAME + r"[ \t]*$",
    # a court's heading on its own line, the party under it: « DEMANDEUR / Madame X »
    r"(?m)^[ \t]*(?:demandeur|demanderesse|defendeur|defenderesse|requerante?|debit(?:eur|rice))s?[ \t]*:?[ \t]*\n[ \t]*"
    + CIV_BARE + NAME + r"[ \t]*(?:\n|,|$)",
    # a label then the civility, no colon: "allocataire Monsieur X.", "Souscripteur M. KONATE Ibrahim"
    # (« Dossier : M. BENHAMOU Rachid », « Allocataire : M. X   N° allocataire : … »)
    r"\b(?:allocataire|locataire|souscripteur|assure(?:\s?\(e\)|e)?|beneficiaire|societaire|adherent|demandeur|demande(?:resse|use)|"
    r"debit(?:eur|rice)|redevable|salariee?|dossier|affaire|(?:jeune|personne)\s+accompagnee?|usagere?|patiente?)\s*(?::\s*|\s+)"
    + CIV_BARE + NAME + r"\s*(?:[\n,;(.]|-\s|$|(?=\s+n[°o]\.?\s))",
    # a form's label whose dot leaders the OCR read as letters, the civility and name ending the
    # line (« Demandeur snisrsneneee 1e Mme Yasmina OUARET »)
    r"(?m)^[ \t]*(?:demandeu(?:r|se)|demanderesse|allocataire|locataire|beneficiaire|debit(?:eur|rice)|redevable|assuree?|"
    r"occupante?)s?"
    r"[ \t]+[^\n]{1,25}?[ \t]" + CIV + NAME + r"[ \t]*$",
    # a parcel's addressee over their address (a carrier's notice left with the caretaker)
    r"\bdestinataire\s*:?\s+" + CIV_BARE + NAME + r"[ \t]*\n(?=[ \t]*(?:\d{1,4}\b|residence|rue|avenue|allee|chemin|"
    r"impasse|bat|appt|appartement))",
    # an office's file, then the person: « Dossier n° 0583162 R - Monsieur HADDOU Yacine »
    r"\b(?:dossier|allocataire)\s+n[°o]\.?\s*:?\s*[0-9][0-9a-z ]{3,14}?\s+[-–]\s+" + CIV + NAME + END,
    # a case against the landlord: « Affaire : ROUQUETTE Kévin c/ S.A. d'HLM PATRIMOINE »
    r"\b(?:affaire|dossier)\s*:\s*" + NAME + r"\s+c/\s*[^\n]{0,30}\bpatrimoine\b",
    r"\b(?:attest|certifi)(?:e|ent|ons)\s+que\s*:?\s*" + NAME + r"\s*,?\s+(?:est|sont|a\s+souscrit|demeurant|domicilie|"
    r"nee?\b|titulaire)",
    r"\b(?:attest|certifi)(?:e|ent|ons)\s+que\s*:?\s*" + CIV + NAME + END,
    r"\b(?:de|a|pour|concernant)\s+(?:monsieur|madame|mademoiselle|m\.|mme|mlle)\s+" + NAME
    + r"\s*,?\s+(?:demeurant|domicilie|locataire|nee?\b|residant|habitant)",
    # the person a third party writes about: "au sujet de M. X", "pour le compte de : Mme X",
    # "logement occupé par M. X", "donné à bail à Mme X", "conseil de Mme X", "Objet : M. X - ..."
    r"\b(?:au\s+sujet\s+de|concernant|pour\s+le\s+compte\s+de|en\s+faveur\s+de|au\s+profit\s+de|expulsion\s+de|"
    r"occupe\s+par(?:\s+votre\s+locataire\s*,?)?|"
    r"a\s+bail(?:\s+par\s+vos\s+soins)?\s+a|conseil\s+de|(?:curat|tut)(?:eur|rice)\s+de|on\s+behalf\s+of)\s*:?\s*" + CIV + NAME
    + r"\s*(?:[\n,;(.:]|-\s|$|(?=\s(?:est|sont|a|ont|qui|depuis|demeurant|domicilie|locataire|nee?|un|une)\b))",
    # (« Obijet : », « Opjet : »: the OCR's « Objet »)
    r"(?m)^[ \t]*(?:o[bp]i?jet|concerne|re|subject|ref(?:erence)?s?\.?)\s*:[^\n]{0,60}?\b" + CIV + NAME + r"\s*(?:[\n,;(.]|-\s|$)",
    # « l'appartement B12, dont le locataire en titre est Monsieur LAPORTE Kevin »
    r"\b(?:le|la|dont\s+l[ea])\s+(?:co-?)?(?:locataire|titulaire\s+du\s+bail)(?:\s+en\s+titre)?\s+(?:est|etait)\s+" + CIV + NAME
    + r"\s*(?:[\n,;(.]|-\s|$)",
    # « logement occupé par MESSAOUDI Kenza »: no civility, a name printed as names are (capitals)
    r"\b(?:logement|appartement)\s+occupe\s+par\s+" + NAME + r"\s*(?:[\n,;(.]|-\s|$)",
    r"\b(?:logement|appartement|domicile)\s+de\s+" + CIV + NAME + r"\s*(?:[\n,;(.—–]|-\s|$)",
    r"\bau\s+nom\s+(?:de\s+|du\s+)?" + NAME + r"\s*(?:,|\blocataire\b|\bdemeurant\b|$)",
    r"\bc/\s*" + NAME + r"\s*(?:[.,;(\n]|\s-\s|$)",
    r"\bpatrimoine\s*/\s*" + NAME + r"\s*(?:[.,;\n]|\s-\s|$)",
    r"\ba\s+" + NAME + r"\s*,\s*(?:demeurant|domicilie|locataire)",
    # a third party's letter about a person: "Madame Germaine LACAZE, 87 ans, locataire de…",
    # "Monsieur Rachid HAMMOUDI, né le…", "Monsieur Olivier ROUCH (allocataire n°…)"
    r"(?:^|[-:—]\s)(?P<name>[a-z'\-]{2,25}(?: [a-z'\-]{2,25}){1,2})\s*\(\s*allocataire",  # « Joaquim PEREIRA (allocataire) »
    r"\b" + CIV + NAME + r"\s*(?:,\s*(?:\d{1,3}\s+ans\s*,\s*)?|\(\s*)(?:demeurant|domicilie|locataire|nee?\s+le\b|"
    r"allocataire|residant|habitant|occupante?)",
)]
ABOUT_END = r"\s*(?:[\n,;(.:]|-\s|$|(?=\s(?:qui|est|depuis|dont|agee?)\b))"
# the person a neighbour, a home help or an association writes about, said to be the landlord's
# tenant or the object of the writer's worry: in such a letter, the tenant (not the signer)
_NAME_WRAPPED = r"(?P<name>[a-z'\- .]{3,60}?|[a-z'\-]{2,30}[ \t]*\n[ \t]*[a-z'\- .]{2,40}?)"  # a line may end inside it
ABOUT = [re.compile(rx) for rx in (
    # (« Madame Mireille FONTANIÉ, 84 ans, qui habite chez vous au 6 rue … »)
    # (« … des plaintes de Mme Zoubida / HAMROUNI, locataire de l'appartement 12 »: the name wrapped)
    r"\b" + CIV + _NAME_WRAPPED + r"\s*,\s*(?:(?:agee?\s+de\s+)?\d{1,3}\s+ans\s*,\s*)?(?:(?:(?:qui\s+)?est\s+)?(?:votre\s+)?"
    r"(?:co-?)?(?:locataire|titulaire)\b|qui\s+(?:habite|reside|vit|loge)\s+(?:chez\s+vous|dans\s+(?:votre|l'une?\s+de\s+vos|une?\s+de\s+vos)\b))",
    r"\b(?:situation|sujet|cas|dossier)\s+de\s+" + CIV + NAME + ABOUT_END,
    r"\bvotre\s+locataire\s*,?\s*" + CIV + NAME + ABOUT_END,
    r"\b(?:inquiet(?:e|s|es)?|inquietude|preoccupee?s?)\s+(?:pour|au\s+sujet\s+de|concernant|quant\s+a)\s+"
    r"(?:(?:mon|ma|notre)\s+(?:voisine?|locataire|adherente?|beneficiaire|residente?)(?:\s+(?:de\s+palier|du\s+dessus|"
    r"du\s+dessous|d'en\s+face))?\s*,?\s*)?" + CIV + NAME + ABOUT_END,
    r"\b(?:accompagn(?:ons|e)|suivons|aidons|intervien[st]\s+(?:[a-z' ]{3,40}\s+)?chez)\s+"
    r"(?:depuis\s+[a-z0-9' ]{3,30}\s+)?" + CIV + NAME + ABOUT_END,
)]
# the writer's relative: « au nom de ma mère, Mme X » (the writer stays the writer: SPEC)
FAMILY = re.compile(r"\b(?:ma\s+(?:mere|maman|fille|soeur|femme|epouse|tante|compagne|conjointe|grand-mere|belle-mere|"
                     r"niece|cousine)|mon\s+(?:pere|papa|fils|frere|mari|epoux|oncle|compagnon|conjoint|grand-pere|"
                     r"beau-pere|neveu|cousin)|(?:mes|nos)\s+parents|(?:le|la)\s+(?:fils|fille|petite?-(?:fils|fille)|"
                     r"frere|soeur|neveu|niece|mari|epouse|femme|conjointe?|compagne|compagnon)\s+de)\b")
# the writer writes at the tenant's request, in their name: the writer stays the writer (SPEC),
# like a relative (a neighbour who reports a worry is not writing for the tenant)
ON_BEHALF = re.compile(r"\b(?:m'a|nous\s+a)\s+demande\s+d(?:e\s+|')\s?(?:rediger|ecrire|vous\s+ecrire)|"
                        r"\ben\s+(?:son|leur)\s+nom\b|\ba\s+sa\s+demande\b|\bde\s+sa\s+part\b|"
                        r"\ben\s+tant\s+qu'amie?\b")
# types where a non-relative third party writes about a tenant (not about a neighbour or a leak)
ABOUT_TYPES = ("social_distress", "payment_difficulty", "lease_termination", "certificate_or_receipt_request", "other")
ORGANISATION = re.compile(r"\b(?:mairie|ville\s+de|caf|caisse|tribunal|cabinet|syndic|gestion|assurances?|mutuelle|"
                          r"association|ccas|banque|etude|scp|selarl|sas|sarl|s\.a\.|office|centre|hopital|chu|service|"
                          r"maitre|avocats?|huissier|commissaire|msa|prefecture|conseil|departement|agence|groupe|"
                          r"administrateur|notaire|curatelle|tutelle|udaf|admr|police|gendarmerie|commissariat|"
                          r"college|lycee|ecole|academie|universite|(?:poly)?clinique|mission\s+locale|pole\s+emploi|fondation|"
                          r"federation|confederation|amicale|secours|ehpad|collectif|coordination|entraide|mediation|cse|comite\s+(?:social|d'entreprise)|syndicat|maison\s+(?:des|de\s+la|du)\s+solidarit\w*|permanence|acces\s+aux\s+droits)\b")
# a form's two boxes: "Nom : DUPONT   Prénom : Jean" (or first name first)
# (the dotted line a box is filled on, read as dots and letters: « PEYRE uu... seseeeeees »)
_LEADER = r"(?:(?:\s+\S{0,4})?[.…_]{2,}[^\n]{0,30}?)?"
_LEAD_IN = r"(?:[.…_]{2,}[ \t]*)?"  # the box's dots before what is written in it (« Prénom : ..... Farid... »)
# (a box's dotted line read as a stray number after the name: « Prénom : Marc-Antoine 12. »)
_END = r"[ \t]*(?:\d{1,2}[.,]?[ \t]*(?=\n|$))?(?:\n|$|\s{2,}|[,;.…_])"
_BOX = r"(?:\s*:|[ \t]*[.…_]{3,}[ \t]*:?)\s*"  # a box's colon, or its dot leaders alone (« NOM ........ CARVALHO »)
FORM_NAME = re.compile(r"\bnom\s*(?:de\s+famille)?" + _BOX + _LEAD_IN + r"(?P<last>[a-z'\- ]{2,40}?)" + _LEADER
                       + r"\s+prenom(?:s|\(s\))?" + _BOX + _LEAD_IN + r"(?P<first>[a-z'\-]{2,30}(?: [a-z'\-]{2,30})?)" + _END)
FORM_NAME_REV = re.compile(r"\bprenom(?:s|\(s\))?" + _BOX + _LEAD_IN + r"(?P<first>[a-z'\- ]{2,40}?)" + _LEADER
                           + r"\s+nom\s*(?:de\s+famille)?" + _BOX + _LEAD_IN + r"(?P<last>[a-z'\-]{2,30}(?: [a-z'\-]{2,30})?)" + _END)
# the same boxes on two lines, their dot leaders read as letters or figures (« NOM sister reive
# MARCHETTI-NDIAYE » over « Prénom ........6.0000 Laëtitia »): the name in capitals ending the
# first line, the given name ending the second (read on the text as printed, not folded)
FORM_NAME_LINES = re.compile(r"(?m)^[ \t]*(?:NOM|Nom)(?:\s+de\s+famille)?\b[^\n]{0,40}?[ \t.…_:]"
                             r"(?P<last>[A-ZÀ-Þ][A-ZÀ-Þ'\-]{2,}(?:[ \t][A-ZÀ-Þ][A-ZÀ-Þ'\-]{2,})?)[ \t]*\n"
                             r"[ \t]*(?:PR[EÉ]NOM|Pr[ée]nom)(?:S|s|\(s\))?\b[^\n]{0,40}?[ \t.…_:]"
                             r"(?P<first>[A-ZÀ-Þ][a-zà-ÿ'\-]{2,30}(?:[ \t][A-ZÀ-Þ][a-zà-ÿ'\-]{2,30})?)[ \t]*$")
# a form's section for the dwelling's occupant, its name box's label garbled (« OCCUPANT » over
# « NO Ge cae et orties Mme AYDIN Zeynep »): the title, the surname in capitals, the given name ending the line
FORM_SECTION_NAME = re.compile(r"(?m)^[ \t]*(?:\d\.?[ \t]*)?(?:LE[ \t]+|L')?(?:OCCUPANTE?|LOCATAIRE|ASSUR[EÉ]E?|SOUSCRIPTEUR)S?"
                               r"(?:[ \t]*\([^)\n]{0,40}\))?[ \t]*:?[ \t]*\n[^\n]{0,40}?\b(?:Mme|Mlle|M\.|Mr|Monsieur|Madame)[ \t]+"
                               r"(?P<last>[A-ZÀ-Þ][A-ZÀ-Þ'\-]{1,}(?:[ \t][A-ZÀ-Þ][A-ZÀ-Þ'\-]{1,})?)[ \t]+"
                               r"(?P<first>[A-ZÀ-Þ][a-zà-ÿ'\-]{2,30}(?:[ \t][A-ZÀ-Þ][a-zà-ÿ'\-]{2,30})?)[ \t]*$")
# the person a tenants' collective names for its letter (« Contact pour ce courrier : Mme Odile Ratsimba »): its writer
COLLECTIVE_CONTACT = re.compile(r"\bcontact(?:\s+pour\s+(?:ce|le\s+present)\s+courrier)?\s*:\s*" + CIV + NAME + END)
# a tenants' association, which writes for its members
TENANTS_ASSOCIATION = re.compile(r"\b(?:amicale|association|collectif|comite|conseil)\s+(?:des\s+)?(?:locataires|habitants|residents)\b")
# its officer named in its letterhead (« Mme Huguette SABATIER, présidente »): its writer too
COLLECTIVE_OFFICER = re.compile(r"(?m)^[ \t]*" + CIV + NAME + r"\s*,\s*(?:presidente?|secretaire|tresoriere?|porte-parole)\b")
# who handles the file at an organisation: never the tenant
STAFF_LINE = re.compile(r"(?:suivie?\s+par|instruite?\s+par|interlocut(?:eur|rice)|mandataire\s*:|gestionnaire\s*:|contact\s*:|"
                         r"represente(?:e)?\s+par|president(?:e)?\s*:|greffi(?:er|ere)\s*:|juge\s*:|"
                         r"signataire|conseill(?:er|ere)\s*:|case\s+officer|handled\s+by)")
# a name followed by its job or its organisation: a professional signing, not the tenant
# (« assistante de vie aux familles », « assistante maternelle »: a tenant's own trade, not an office's)
ROLE = re.compile(r"^\W*(?:l'|le\s+|la\s+)?(?:assistante?s?\b(?!\s+(?:de\s+vie|maternelles?|d'education))|conseill(?:er|ere)|gestionnaire|directeur|directrice|"
                   r"responsable|charge(?:e)?\s+d|travailleu(?:r|se)|educat(?:eur|rice)|avocate?|huissier|commissaire|"
                   r"juge|greffi(?:er|ere)|mandataire|curat(?:eur|rice)|tut(?:eur|rice)|maire|adjointe?|delegue(?:e)?|"
                   r"president(?:e)?|deputee?|senat(?:eur|rice)|secretaire|agent|inspect(?:eur|rice)|medecin|docteur|infirmi(?:er|ere)|"
                   r"referente?|coordinat(?:eur|rice)|chef(?:fe)?\s+d|notaire|manager|officer|advis[oe]r|conciliat|expert|"
                   r"syndic|gerante?\b|administrat(?:eur|rice)|technicien(?:ne)?|association|cabinet|etude|scp|selarl|ccas|"
                   r"mairie|service\s|pole\s|intervenante?s?\b|aide\s+a\s+domicile|auxiliaire|benevole|animat(?:eur|rice)|"
                   r"mediat(?:eur|rice)|hygieniste|interprete|traduct(?:eur|rice)|ecrivain\s+public)")
THIRD_PARTY_TYPES = ("insurance_certificate", "housing_benefit", "legal_notice")
# said right after the name: an owner or a neighbour (a lawyer's client complaining about the tenant)
NOT_A_TENANT = re.compile(r"\s*[,(]\s*(?:(?:co-?)?proprietaires?|(?:sa|la|leur|leurs)\s+voisine?s?)\b")

# right before or after a name: a company's word or legal form, not a person's
COMPANY_BEFORE = re.compile(r"\b(?:societe|entreprise|ets|etablissements|groupe|sarl|sas|sasu|eurl|scop)\s+$")
# a firm's legal form and capital printed in its letterhead
LEGAL_HEAD = re.compile(r"\b(?:sas|sasu|sarl|eurl|sa|scop|snc|selarl)\b[^\n]{0,30}\bau\s+capital\b")
COMPANY_AFTER = re.compile(r"^\s*[-,–—]?\s*(?:sas|sasu|sarl|eurl|sa|sci|snc|scop|au\s+capital)\b")

PLACE_AND_DATE = re.compile(r"\s+[A-ZÀ-Ý][a-zà-ÿ'\-]+(?:[ \-](?:[a-zà-ÿ'\-]+|[A-ZÀ-Ý][a-zà-ÿ'\-]+)){0,3},?\s+le\s+\d.*$")

# a phone signed after the name, on its line (« TRINH Lan-Phuong 06 20 49 73 18 », « J. Roux - tél. 0612… »)
TRAILING_PHONE = re.compile(r"[ \t]+(?:[-–,/][ \t]*)?(?:t[ée]l\.?|portable|port\.?|mobile)?[ \t]*:?[ \t]*"
                            + PHONE + r"[ \t]*$", re.I)


# what opens a signature's line before the name: « Merci. », « Signé : », « Fait à Toulouse le 3 mai 2021, »
SIGNATURE_OPENER = re.compile(r"(?i)^\s*(?:merci(?:\s+beaucoup|\s+bien)?\s*[.,!]+|sign[ée]e?\s*:|signature\s*:|"
                     r"fait\s+[àa]\s+[^,\n]{2,40}?(?:,?\s+le\s+[^,\n]{4,30})?,)\s*")

# a chat printed out: « [12/03/2021 07:42] Fatou Diop: … », « 12/03/2021 07:42 - Fatou Diop: … »
CHAT_LINE = re.compile(r"(?m)^[ \t]*(?:\[\d{1,2}/\d{1,2}/\d{2,4},?[ \t]+\d{1,2}:\d{2}(?::\d{2})?\]|"
                        r"\d{1,2}/\d{1,2}/\d{2,4},?[ \t]+\d{1,2}:\d{2}[ \t]+-)[ \t]*(?P<name>[^:\n\[\]]{3,40}?)[ \t]*:")
NOT_A_SPEAKER = re.compile(r"gardien|agence|patrimoine|service|accueil|bailleur|residence|vous|moi")
