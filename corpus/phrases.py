"""Phrase pools of tenants' letters, per type. ``{amount}``, ``{date}``, ``{month}`` are filled in."""

from __future__ import annotations

OBJECTS = {
    "payment_difficulty": ("Demande de plan d'apurement", "Difficultés de paiement", "Demande de report de loyer",
                           "Retard de loyer", "Demande d'échelonnement de ma dette", "Objet : loyer impayé",
                           "Demande de délai de paiement"),
    "repair_request": ("Réclamation technique", "Demande d'intervention", "Signalement d'un problème dans mon logement",
                       "Réparation urgente", "Problème dans le logement", "Demande de travaux"),
    "neighbour_dispute": ("Troubles de voisinage", "Plainte contre mes voisins", "Nuisances sonores",
                          "Problème avec un voisin", "Signalement de nuisances"),
    "lease_termination": ("Congé du logement", "Préavis de départ", "Résiliation de bail", "Lettre de congé",
                          "Départ du logement", "Demande de résiliation du contrat de location"),
    "certificate_or_receipt_request": ("Demande d'attestation de loyer", "Demande de quittances",
                                       "Demande d'attestation", "Quittances de loyer", "Attestation de domicile"),
    "social_distress": ("Demande d'aide", "Situation urgente", "Besoin d'aide", "Demande de rendez-vous urgent",
                        "Ma situation"),
}

PAYMENT = {
    "cause": (
        "J'ai perdu mon emploi le mois dernier et je n'ai pas encore touché le chômage.",
        "Suite à une longue maladie, mes revenus ont beaucoup baissé.",
        "Je me suis séparé de mon conjoint et je dois maintenant payer seul(e) le loyer.",
        "Mon employeur a du retard pour payer les salaires depuis deux mois.",
        "La CAF a suspendu mes APL depuis {month} et je n'arrive plus à payer le loyer en entier.",
        "Mon mari est décédé en {month} et je ne touche plus que ma petite retraite.",
        "Je suis en chômage partiel et je ne touche que 84 % de mon salaire.",
        "J'ai eu de grosses dépenses imprévues (voiture, dentiste) et je suis à découvert.",
        "Mon contrat d'intérim n'a pas été renouvelé.",
        "Je suis en arrêt maladie depuis {month} et les indemnités tardent à arriver.",
    ),
    "debt": (
        "Je sais que j'ai un retard de loyer de {amount}.",
        "Mon compte locataire présente un solde débiteur de {amount}.",
        "Je vous dois à ce jour la somme de {amount}.",
        "J'ai bien reçu votre relance concernant l'impayé de {amount}.",
        "Il me reste {amount} à régler sur les loyers de {month}.",
        "Ma dette s'élève à {amount} d'après votre dernier avis d'échéance.",
    ),
    "request": (
        "Je vous demande de bien vouloir m'accorder un plan d'apurement.",
        "Serait-il possible d'étaler ma dette sur plusieurs mois ?",
        "Je sollicite un report du paiement du loyer de ce mois.",
        "Je vous propose de verser {small} par mois en plus du loyer jusqu'à remboursement complet.",
        "Pouvez-vous m'accorder un délai de deux mois pour régulariser ma situation ?",
        "Je voudrais mettre en place un échéancier pour rembourser ce que je dois.",
        "Je m'engage à reprendre le paiement normal du loyer dès que ma situation s'arrangera.",
    ),
    "extra": (
        "J'ai pris rendez-vous avec une assistante sociale du département.",
        "Je joins à ce courrier mes derniers justificatifs de ressources.",
        "Je n'ai jamais eu de retard avant et je suis de bonne foi.",
        "J'ai déposé un dossier auprès du Fonds de solidarité logement.",
        "Je peux passer à l'agence pour en discuter si besoin.",
    ),
}

REPAIR_URGENT = (
    ("Il y a une fuite d'eau importante sous l'évier, l'eau coule partout dans la cuisine.",
     "L'eau commence à passer chez le voisin du dessous."),
    ("Depuis ce matin il y a une forte odeur de gaz dans la cage d'escalier.",
     "J'ai peur qu'il y ait une explosion, les enfants de l'immeuble passent par là."),
    ("Nous n'avons plus d'électricité dans tout l'appartement depuis hier soir.",
     "Le disjoncteur saute dès qu'on le remet et une prise a fait des étincelles."),
    ("L'ascenseur est bloqué entre le 3e et le 4e étage depuis trois jours.",
     "Ma mère de 87 ans ne peut plus descendre de chez elle."),
    ("Le plafond de la salle de bain s'est effondré en partie à cause d'une fuite au-dessus.",
     "Il y a des fils électriques qui pendent et de l'eau qui goutte dessus."),
    ("La porte d'entrée de l'immeuble ne ferme plus du tout depuis une semaine.",
     "Des personnes étrangères à la résidence dorment dans le hall, ce n'est plus sûr."),
    ("Le chauffe-eau fuit et il y a de l'eau chaude qui inonde le placard.",
     "J'ai coupé l'eau mais je ne peux plus me laver."),
    ("Des fils électriques dénudés sortent du tableau dans le couloir.",
     "Mon fils de 3 ans aurait pu les toucher."),
)
REPAIR_NORMAL = (
    ("Le volet roulant de la chambre est bloqué en position fermée.", "Je n'ai plus de lumière dans la pièce."),
    ("Il y a de la moisissure sur les murs de la chambre des enfants.", "Malgré l'aération, elle revient toujours."),
    ("L'interphone ne fonctionne plus depuis un mois.", "Mes visiteurs ne peuvent pas m'appeler."),
    ("Nous avons des cafards dans la cuisine depuis plusieurs semaines.", "Les voisins en ont aussi."),
    ("Le chauffage ne chauffe pas assez, il fait 16 degrés dans le salon.", "Les radiateurs sont tièdes."),
    ("La porte du placard de l'entrée est tombée.", "Les charnières sont arrachées."),
    ("Le joint de la fenêtre de la cuisine est abîmé et il y a des courants d'air.", ""),
    ("Ma boîte aux lettres a été forcée et ne ferme plus.", "Je ne reçois plus correctement mon courrier."),
    ("La chasse d'eau des toilettes coule en permanence.", "Ma facture d'eau va augmenter."),
    ("Il y a des souris dans la cave et dans le local poubelles.", ""),
    ("La VMC fait un bruit très fort jour et nuit.", "Nous n'arrivons plus à dormir."),
    ("La peinture du plafond de la salle de bain s'écaille.", "Des morceaux tombent dans la baignoire."),
)
REPAIR_ASK = (
    "Pouvez-vous envoyer quelqu'un au plus vite ?",
    "Merci de faire intervenir une entreprise rapidement.",
    "Je vous demande de faire le nécessaire dans les meilleurs délais.",
    "J'ai déjà appelé l'agence deux fois sans réponse.",
    "Je suis disponible tous les jours après 17 heures pour laisser entrer le technicien.",
    "Vous pouvez me joindre au numéro ci-dessus pour convenir d'un rendez-vous.",
)
URGENT_MARKS = ("URGENT", "TRÈS URGENT", "URGENT !!!", "À traiter en urgence")

NEIGHBOUR = (
    "Mes voisins du dessus font du bruit toutes les nuits jusqu'à 3 heures du matin.",
    "Le voisin de palier écoute de la musique très fort tous les soirs.",
    "Le chien de mes voisins aboie toute la journée quand ils sont absents.",
    "Une voisine m'insulte chaque fois que je la croise dans l'escalier.",
    "Des jeunes squattent le hall d'entrée et laissent des déchets partout.",
    "Mon voisin jette ses ordures par la fenêtre sur mon balcon.",
    "Il y a une odeur de cannabis permanente dans la cage d'escalier.",
    "Les voisins du rez-de-chaussée garent leur voiture devant l'entrée des pompiers.",
    "Les enfants du 2e jouent au ballon dans les couloirs tard le soir.",
    "Mon voisin a rayé ma voiture et m'a menacé.",
    "Des travaux sont faits le dimanche matin à la perceuse chez le voisin d'à côté.",
)
NEIGHBOUR_MORE = (
    "J'ai essayé de leur parler mais ils ne veulent rien entendre.",
    "Cela dure depuis {month}.",
    "Plusieurs voisins peuvent en témoigner.",
    "J'ai déposé une main courante au commissariat.",
    "Je ne dors plus et ma santé en souffre.",
    "Je vous demande d'intervenir auprès de ces locataires.",
    "Je souhaiterais une médiation avec l'agence.",
)

TERMINATION = (
    "Je vous informe par la présente de mon intention de quitter le logement que j'occupe.",
    "Je vous donne mon congé pour le logement situé à l'adresse ci-dessus.",
    "Par ce courrier, je résilie mon bail de location.",
    "Je vous prie de prendre note de mon départ du logement.",
    "Suite au décès de ma mère, locataire du logement, je vous donne congé en son nom.",
)
TERMINATION_MORE = (
    "Mon préavis d'un mois commencera à la réception de ce courrier.",
    "Conformément à la loi, mon préavis est réduit à un mois (zone tendue).",
    "Je quitterai les lieux {date}.",
    "Je souhaite fixer l'état des lieux de sortie {date}.",
    "Je pars pour une mutation professionnelle à Bordeaux.",
    "J'ai obtenu un logement plus grand auprès d'un autre bailleur.",
    "Merci de me restituer le dépôt de garantie à ma nouvelle adresse.",
    "Je rentre en maison de retraite.",
)

CERTIFICATE = (
    "Je vous demande de bien vouloir m'envoyer une attestation de loyer pour la CAF.",
    "Pourriez-vous m'adresser mes quittances de loyer des trois derniers mois ?",
    "J'ai besoin d'une attestation de domicile pour la préfecture.",
    "Merci de me faire parvenir une attestation de bon paiement de mes loyers.",
    "Je souhaiterais recevoir la quittance de loyer du mois de {month}.",
    "Ma banque me demande une attestation de locataire à jour.",
)
CERTIFICATE_MORE = (
    "C'est pour constituer un dossier de demande de logement.",
    "C'est assez urgent car mon dossier doit être déposé avant la fin du mois.",
    "Vous pouvez me l'envoyer par mail à l'adresse indiquée.",
    "Je n'arrive pas à la télécharger sur l'espace locataire.",
    "Je vous remercie par avance.",
)

DISTRESS = (
    "Mon compagnon me frappe et j'ai peur pour ma vie et celle de mes enfants.",
    "Je subis des violences de la part de mon mari depuis des mois et je n'ose pas partir.",
    "Je vis seul depuis le décès de ma femme et je ne vois plus personne, je n'en peux plus.",
    "Je suis à bout, je ne mange plus et je ne sors plus de chez moi.",
    "Mon ex-conjoint m'a menacée de mort et connaît mon adresse.",
    "Je suis une personne âgée isolée, je ne peux plus faire mes courses et personne ne vient me voir.",
    "Mon fils majeur est violent avec moi et je n'ose plus rentrer chez moi.",
    "J'ai été mise à la porte par mon conjoint, je dors chez une amie avec mes deux enfants.",
)
DISTRESS_MORE = (
    "Je vous demande de l'aide, je ne sais plus vers qui me tourner.",
    "Pourriez-vous me mettre en contact avec une assistante sociale ?",
    "J'aurais besoin d'un relogement en urgence.",
    "S'il vous plaît ne contactez pas mon conjoint.",
    "Je vous écris car je n'ai pas la force de téléphoner.",
    "J'ai appelé le 3919 qui m'a conseillé de vous écrire.",
)

OPENINGS_FORMAL = ("Madame, Monsieur,", "Messieurs,", "Monsieur le Directeur,", "Madame la Responsable d'agence,")
OPENINGS_INFORMAL = ("Bonjour,", "Bonjour Madame,", "Bonjour Monsieur,", "Bonjour à vous,", "")
CLOSINGS_FORMAL = (
    "Veuillez agréer, Madame, Monsieur, l'expression de mes salutations distinguées.",
    "Je vous prie d'agréer, Messieurs, mes sincères salutations.",
    "Dans l'attente de votre réponse, je vous prie de croire à mes sentiments respectueux.",
    "Je vous remercie par avance et vous prie d'agréer mes salutations respectueuses.",
)
CLOSINGS_INFORMAL = ("Cordialement,", "Merci d'avance.", "Bien cordialement", "Merci de votre compréhension.",
                     "Dans l'attente de votre réponse, merci.", "Salutations.")
ELDERLY = (
    "Je suis une personne âgée et je ne sais pas me servir d'internet, c'est pourquoi je vous écris.",
    "Excusez mon écriture, je n'ai plus de bons yeux.",
    "Je suis locataire chez vous depuis plus de trente ans et je n'ai jamais posé de problème.",
)
