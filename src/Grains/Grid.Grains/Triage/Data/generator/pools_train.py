# Senders, companies and wrapping text of the TRAINING set. Written after pools_eval.py without reusing any of its
# names, companies, domains, greetings, sign-offs, footers or quoted replies. All names and companies are fictional.

FIRST = {
    "fr": ["Camille", "Étienne", "Sandrine", "Julien", "Valérie", "Mathieu", "Agnès", "Patrice", "Élodie", "Romain",
           "Fatou", "Guillaume", "Isabelle", "Kévin", "Laurence", "Nicolas", "Chantal", "Olivier", "Sylvie", "Benoît",
           "Marie-Ève", "Pierre-Luc", "Josée", "Didier", "Manon", "Thierry"],
    "en": ["Oliver", "Sophie", "Daniel", "Rachel", "Ahmed", "Claire", "Tom", "Lucy", "Mark", "Emma", "Raj", "Hannah",
           "Steve", "Chloe", "Liam", "Joanne", "Simon", "Natalie", "Greg", "Megan", "Colin", "Zara"],
}
LAST = {
    "fr": ["Martin", "Lefebvre", "Girard", "Morel", "Mercier", "Dubois", "Lambert", "Faure", "Roux", "Perrin",
           "Gauthier", "Côté", "Gagnon", "Lavoie", "Dupuis", "Peeters", "Janssens", "Rochat", "Benali", "Traoré",
           "Chevalier", "Moulin", "Aubert"],
    "en": ["Hughes", "Patel", "Robinson", "Walsh", "Clarke", "Bennett", "Turner", "Khan", "Morrison", "Evans",
           "Gallagher", "Reid", "Campbell", "Foster", "Chen", "Murphy", "Price", "Harding", "Nwosu"],
}
PERSONAL_DOMAINS = {
    "fr": ["gmail.com", "hotmail.fr", "wanadoo.fr", "sfr.fr", "yahoo.fr", "outlook.fr", "icloud.com"],
    "en": ["hotmail.co.uk", "icloud.com", "aol.com", "sky.com", "live.ca", "gmail.com"],
}
COMPANIES = {
    "fr": [
        {"name": "Foncia-Lumière Gestion", "domain": "fl-gestion.fr", "address": "22 rue Nationale, 59800 Lille"},
        {"name": "Syndic Moreau & Associés", "domain": "syndic-moreau.fr", "address": "5 quai de la Fosse, 44000 Nantes"},
        {"name": "Garage Perrin Automobiles", "domain": "garage-perrin.fr", "address": "RN 7, 26200 Montélimar"},
        {"name": "Restaurant L'Ardoise", "domain": "lardoise-resto.fr", "address": "3 place Saint-Pierre, 67000 Strasbourg"},
        {"name": "Cabinet d'avocats Lambert-Faure", "domain": "lambertfaure-avocats.fr", "address": "18 boulevard Haussmann, 75009 Paris"},
        {"name": "Copropriété Le Parc des Cèdres", "domain": "parcdescedres.fr", "address": "Allée des Cèdres, 13090 Aix-en-Provence"},
        {"name": "Boucherie Chevalier", "domain": "boucherie-chevalier.fr", "address": "11 rue du Commerce, 37000 Tours"},
        {"name": "Groupe scolaire Jeanne-Mance", "domain": "jeannemance.qc.ca", "address": "2250 rue Sherbrooke E., Montréal (QC)"},
        {"name": "Les Entreprises Lavoie & Fils", "domain": "lavoie-fils.ca", "address": "780 boul. Charest, Québec (QC) G1K 3J4"},
        {"name": "Brasserie du Lion d'Or SPRL", "domain": "liondor.be", "address": "Grand-Place 12, 7000 Mons"},
        {"name": "Régie Rochat SA", "domain": "regie-rochat.ch", "address": "Rue du Rhône 40, 1204 Genève"},
        {"name": "EHPAD Les Tilleuls", "domain": "ehpad-lestilleuls.fr", "address": "14 avenue de la Gare, 87000 Limoges"},
        {"name": "Menuiserie Aubert", "domain": "menuiserie-aubert.fr", "address": "ZI du Moulin, 49300 Cholet"},
        {"name": "Camping Les Flots Bleus", "domain": "flotsbleus-camping.fr", "address": "Route de la plage, 17590 Ars-en-Ré"},
        {"name": "Laboratoire d'analyses BioMérieu", "domain": "labo-biomerieu.fr", "address": "6 rue Pasteur, 25000 Besançon"},
    ],
    "en": [
        {"name": "Harbourside Property Management Ltd", "domain": "harbourside-pm.co.uk", "address": "3 Dock Street, Leeds LS10 1JF", "web": "www.harbourside-pm.co.uk"},
        {"name": "The Crown & Anchor", "domain": "crownandanchorpub.co.uk", "address": "1 Market Place, Ludlow SY8 1AH"},
        {"name": "Greenfield Veterinary Group", "domain": "greenfieldvets.co.uk", "address": "Greenfield Road, Exeter EX2 7LT"},
        {"name": "Maple Ridge Property Services", "domain": "mapleridgeps.ca", "address": "1200 Bay St, Toronto ON M5R 2A5"},
        {"name": "Thistle Self Storage", "domain": "thistlestorage.co.uk", "address": "Unit 4, Eastfield Ind Est, Glasgow G33 4EX"},
        {"name": "Bennett & Turner Solicitors", "domain": "bennett-turner.co.uk", "address": "9 Bridge Street, Chester CH1 1NQ"},
        {"name": "Riverside Medical Centre", "domain": "riversidemc.co.uk", "address": "Riverside Way, Bath BA2 3DZ"},
        {"name": "Northern Lights Bakery", "domain": "northernlightsbakery.ca", "address": "455 Elgin St, Ottawa ON K2P 1N1"},
        {"name": "Campbell Engineering Ltd", "domain": "campbell-eng.co.uk", "address": "Block 2, Riverside Park, Aberdeen AB11 5QN"},
        {"name": "Oakwood Academy", "domain": "oakwood-academy.org.uk", "address": "Oakwood Lane, Nottingham NG5 1AB"},
        {"name": "Sunnyside Holiday Lets", "domain": "sunnysidelets.co.uk", "address": "The Old Barn, Polzeath PL27 6TB"},
        {"name": "Westbrook Hotel Group", "domain": "westbrookhotels.com", "address": "22 Marine Parade, Brighton BN2 1TL"},
    ],
}
TITLES = {
    "fr": ["Gestionnaire locative", "Responsable comptable", "Directeur", "Assistante comptable", "Gérant associé",
           "Responsable maintenance", "Directrice administrative", "Secrétaire", "Intendant", "Chef de cuisine",
           "Responsable achats", "Syndic bénévole"],
    "en": ["Facilities Manager", "Accounts Assistant", "Landlord", "Finance Manager", "General Manager",
           "Head of Estates", "Business Manager", "Maintenance Supervisor", "Credit Controller", "Owner", "Office Administrator"],
}
FOOTERS = {
    "fr": [
        "Les informations contenues dans ce courriel sont strictement confidentielles. Si vous n'êtes pas le destinataire visé, toute lecture, copie ou diffusion est interdite.",
        "Le présent message, ainsi que tout fichier qui y est joint, est réservé à l'usage de son destinataire. Nous vous prions de nous signaler toute erreur de transmission.",
        "Merci de n'imprimer ce mail que si nécessaire.",
        "SARL au capital de 15 000 € - SIRET 443 210 887 00021 - APE 4322B",
        "Avis de confidentialité : ce courriel s'adresse uniquement à la personne nommée. Si vous l'avez reçu par erreur, veuillez nous en aviser et le détruire.",
    ],
    "en": [
        "The contents of this email are confidential and may be legally privileged. If you are not the intended recipient, please tell us immediately and delete it. Company registered in Scotland SC304581.",
        "Disclaimer: views expressed are those of the individual and not necessarily of the company. We check emails for viruses but cannot accept liability.",
        "Think green - do you really need to print this?",
        "Our office is closed on Fridays. Messages will be answered the next working day.",
    ],
}
GREETINGS = {
    "fr": ["Bonjour", "Bonjour,", "Bonjour madame, bonjour monsieur,", "Messieurs,", "Bonsoir,", "Bonjour le service client,", "Bjr,", "Bonjour à vous"],
    "en": ["Hi,", "Hi all,", "Dear Volteane,", "Good morning,", "Dear team,", "Hiya,", "Hello there,", "Dear customer services,"],
}
SIGNOFFS = {
    "fr": ["Cordialement,", "Cordialement", "Merci d'avance", "Bonne journée", "Merci de votre retour rapide.", "Salutations,", "Bien à vous,", "Cdlt", "Merci beaucoup et bonne journée"],
    "en": ["Thanks,", "Best regards,", "Kind regards", "Thank you,", "Many thanks and regards,", "Speak soon,", "Rgds", "Warm regards,"],
}
MOBILE = {
    "fr": ["Envoyé de mon iPad", "Envoyé de mon Galaxy", "Envoyé depuis mon smartphone"],
    "en": ["Sent from my Galaxy", "Sent from Mail for Windows", "Sent from my iPad"],
}
SUPPORT = {
    "fr": ["Service Client Voltéane <serviceclient@volteane.fr>", "Voltéane Facturation <facturation@volteane.fr>",
           "Julie - Voltéane <serviceclient@volteane.fr>", "Voltéane Canada – Service à la clientèle <service@volteane.ca>"],
    "en": ["Volteane Support <support@volteane.com>", "Volteane Billing Team <billing@volteane.co.uk>",
           "Aaron | Volteane <support@volteane.com>", "Volteane Canada Customer Service <service@volteane.ca>"],
}
GENERIC_REPLIES = {
    "fr": [
        "Bonjour,\n\nMerci pour votre message. Votre demande a bien été transmise au service concerné ({TICKET}).\n\nBien cordialement,\nJulie\nService Client Voltéane",
        "Bonjour,\n\nSuite à notre échange téléphonique, je vous confirme que votre dossier est suivi. Vous pouvez répondre directement à ce mail.\n\nLe Service Client",
        "Bonjour,\n\nAfin de traiter votre demande, pourriez-vous nous communiquer votre référence client indiquée en haut de vos factures ?\n\nMerci,\nVoltéane",
        "Bonjour,\n\nNous avons bien reçu votre courriel et revenons vers vous sous 48 heures ouvrées.\n\nCordialement",
    ],
    "en": [
        "Hello,\n\nThanks for your email - we've passed it to the right team under reference {TICKET}.\n\nRegards,\nAaron\nVolteane Support",
        "Hi,\n\nAs discussed on the phone, I've opened a case for you. Feel free to reply here with any documents.\n\nVolteane",
        "Hello,\n\nTo help us deal with your request, please send your customer reference (top right of your bill).\n\nThanks,\nVolteane Support",
        "Thank you for contacting Volteane. We aim to respond within two working days.",
    ],
}
OUT_OF_OFFICE = {
    "fr": [
        "Bonjour, je suis absent jusqu'au lundi 8 inclus. Votre message ne sera pas transféré. Pour les urgences : {TEL}.",
        "Réponse automatique : je suis actuellement en déplacement avec un accès limité à mes mails.",
        "Je suis en arrêt et ne lirai pas vos messages avant mon retour. Merci de contacter l'accueil.",
    ],
    "en": [
        "Automatic reply: I'm on leave until the 14th. Please contact the office on {TEL} if your query is urgent.",
        "I'm working part-time and my days are Tuesday to Thursday. I will reply when I'm next in.",
        "Out of office: travelling this week, replies will be delayed.",
    ],
}
OOO_SENDERS = {
    "fr": ["Accueil <accueil@ehpad-lestilleuls.fr>", "Romain Dubois <r.dubois@syndic-moreau.fr>"],
    "en": ["Reception <reception@greenfieldvets.co.uk>", "Lucy Foster <lucy.foster@harbourside-pm.co.uk>"],
}
FORWARD_NOTES = {
    "fr": ["Bonjour, je vous fais suivre ce mail de notre gestionnaire.", "ci-dessous", "Pour info et traitement, merci.", "Je transfère, ce n'est pas passé au bon service apparemment."],
    "en": ["Please see below from our tenant.", "Forwarded as requested on the phone.", "FYI - this landed in my inbox.", "Sending this over to the right address hopefully."],
}
