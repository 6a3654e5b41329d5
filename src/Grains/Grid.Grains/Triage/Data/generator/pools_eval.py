# Senders, companies and wrapping text of the EVALUATION set. Written before pools_train.py and shares none of its
# names, companies, domains, greetings, sign-offs, footers or quoted replies. All names and companies are fictional.

FIRST = {
    "fr": ["Solène", "Gaëtan", "Maryse", "Thibault", "Nadia", "Rémi", "Ophélie", "Yannick", "Bérénice", "Loïc",
           "Karima", "Jean-Baptiste", "Murielle", "Anthony", "Ghislaine", "Cédric", "Mélodie", "Frédéric", "Annick",
           "Mathis", "Geneviève", "Serge", "Hélène", "Marc-André"],
    "en": ["Priya", "Gareth", "Fiona", "Declan", "Harriet", "Rupert", "Aisha", "Callum", "Imogen", "Trevor",
           "Bethany", "Nikhil", "Moira", "Stuart", "Georgina", "Kwame", "Hollie", "Brendan", "Sinead", "Warren"],
}
LAST = {
    "fr": ["Castagné", "Le Goff", "Vasseur", "Bouchard", "Tremblay", "Pelletier", "Haddad", "Marchetti", "Roussel",
           "Delcourt", "Vandenberghe", "Ouellet", "Fontaine", "Kessler", "Brossard", "Lemaire", "Ndiaye", "Grangier"],
    "en": ["Whitfield", "Okafor", "Pemberton", "Sandhu", "McAllister", "Crowley", "Ashworth", "Doyle", "Lindqvist",
           "Bramwell", "Fairbairn", "Osei", "Kowalczyk", "Thornbury", "MacLeod", "Prentice"],
}
PERSONAL_DOMAINS = {
    "fr": ["orange.fr", "laposte.net", "free.fr", "videotron.ca", "skynet.be", "bluewin.ch"],
    "en": ["gmail.com", "btinternet.com", "outlook.com", "rogers.com", "yahoo.co.uk"],
}
COMPANIES = {
    "fr": [
        {"name": "Cabinet Vasselin Syndic", "domain": "vasselin-syndic.fr", "address": "41 cours Gambetta, 33000 Bordeaux"},
        {"name": "Boulangerie Les Trois Épis", "domain": "troisepis.fr", "address": "8 place du Marché, 63000 Clermont-Ferrand"},
        {"name": "Clinique vétérinaire du Val d'Orge", "domain": "vetvaldorge.fr", "address": "2 rue des Prés, 91240 Saint-Michel-sur-Orge"},
        {"name": "Gestion Immobilière Bellerive inc.", "domain": "bellerive-gestion.ca", "address": "1280 boul. René-Lévesque O., Montréal (QC) H3B 4W8"},
        {"name": "Imprimerie Duvernay SA", "domain": "duvernay-print.be", "address": "Rue de la Station 17, 4000 Liège"},
        {"name": "Hôtel Le Clos Fleuri", "domain": "closfleuri.ch", "address": "Chemin des Vignes 5, 1820 Montreux"},
        {"name": "SCI Les Hauts de Sèvre", "domain": "hautsdesevre-sci.fr", "address": "3 impasse Colbert, 79000 Niort"},
        {"name": "Transports Morvan Frères", "domain": "morvan-transports.fr", "address": "ZA de Kerlann, 29000 Quimper"},
        {"name": "Pharmacie du Belvédère", "domain": "pharmabelvedere.fr", "address": "19 avenue Jean-Jaurès, 69007 Lyon"},
        {"name": "Collège Saint-Exupère (OGEC)", "domain": "ogec-saintexupere.fr", "address": "10 rue du Collège, 31000 Toulouse"},
        {"name": "Fromagerie Boisclair", "domain": "fromagerieboisclair.qc.ca", "address": "455 rang Saint-Joseph, Victoriaville (QC)"},
        {"name": "Atelier Mécanique Girardot", "domain": "girardot-meca.fr", "address": "Zone artisanale des Sablons, 21200 Beaune"},
        {"name": "Résidence seniors Les Glycines", "domain": "lesglycines-residence.fr", "address": "27 rue Pasteur, 44000 Nantes"},
    ],
    "en": [
        {"name": "Ashgrove Lettings Ltd", "domain": "ashgrovelettings.co.uk", "address": "14 Castle Street, Shrewsbury SY1 2BQ", "web": "www.ashgrovelettings.co.uk"},
        {"name": "Northgate Cold Storage", "domain": "northgatecold.co.uk", "address": "Unit 7, Trafford Park, Manchester M17 1SN"},
        {"name": "Pembury Dental Practice", "domain": "pemburydental.co.uk", "address": "2 High Street, Pembury, Kent TN2 4NY"},
        {"name": "Lakeshore Condominium Corp. No. 412", "domain": "lakeshore412.ca", "address": "88 Harbour Sq, Toronto ON M5J 2L1"},
        {"name": "Brightwater Brewing Co.", "domain": "brightwaterbrewing.com", "address": "Arch 21, Railway Approach, Bristol BS1 6QH"},
        {"name": "Kingsmere Estates Management", "domain": "kingsmere-em.co.uk", "address": "Suite 3, 40 Queen's Road, Reading RG1 4AR"},
        {"name": "Halden & Co Accountants", "domain": "haldenco.co.uk", "address": "5 Abbey Court, Leicester LE1 5DB"},
        {"name": "Fraser Valley Greenhouses", "domain": "fvgreenhouses.ca", "address": "31250 Harris Rd, Abbotsford BC"},
        {"name": "St Columba's Primary Academy Trust", "domain": "stcolumbas-trust.org.uk", "address": "Church Lane, Durham DH1 3PT"},
        {"name": "Redfern Print & Signs", "domain": "redfernprint.co.uk", "address": "Unit 2B, Meadow Way, Norwich NR6 6LP"},
        {"name": "Oakhurst Care Homes", "domain": "oakhurstcare.co.uk", "address": "Oakhurst House, 9 Elm Grove, Swindon SN1 4HB"},
    ],
}
TITLES = {
    "fr": ["Gestionnaire de copropriété", "Comptable", "Responsable administrative et financière", "Gérant",
           "Assistante de direction", "Responsable des services généraux", "Directrice d'établissement",
           "Chargé de maintenance", "Économe", "Responsable technique", "Co-gérante", "Adjointe administrative"],
    "en": ["Property Manager", "Finance Officer", "Office Manager", "Facilities Coordinator", "Practice Manager",
           "Accounts Payable Clerk", "Operations Director", "Site Manager", "Bursar", "Managing Director",
           "Building Superintendent"],
}
FOOTERS = {
    "fr": [
        "Ce message et ses pièces jointes sont confidentiels et établis à l'attention exclusive de leurs destinataires. Si vous l'avez reçu par erreur, merci d'en avertir l'expéditeur et de le supprimer.",
        "AVERTISSEMENT : ce courriel peut contenir des renseignements confidentiels. Toute diffusion non autorisée est interdite. Merci de le détruire si vous n'en êtes pas le destinataire.",
        "Pensez à l'environnement avant d'imprimer ce courriel.",
        "SAS au capital de 40 000 € – RCS Bordeaux 812 334 901 – N° TVA FR22812334901",
    ],
    "en": [
        "This e-mail and any attachments are confidential and intended solely for the addressee. If you have received it in error please notify the sender and delete it. Registered in England No. 07733120.",
        "CONFIDENTIALITY NOTICE: the information in this email is private. If you are not the intended recipient, do not read, copy or forward it.",
        "Please consider the environment before printing this email.",
        "Our office hours are Monday to Thursday, 8.30am to 4pm.",
    ],
}
GREETINGS = {
    "fr": ["Bonjour,", "Bonjour Madame, Monsieur,", "Madame, Monsieur,", "Bonjour à vous,", "Bonjour à toute l'équipe,", "Allô,", "Bonjour Voltéane,"],
    "en": ["Hello,", "Hi there,", "Dear Sir/Madam,", "Good afternoon,", "Hi Volteane team,", "To whom it may concern,", "Morning,"],
}
SIGNOFFS = {
    "fr": ["Bien cordialement,", "Salutations distinguées,", "Merci par avance,", "Dans l'attente de votre retour,", "Bonne fin de journée,", "Au plaisir,", "Meilleures salutations,"],
    "en": ["Kind regards,", "Many thanks,", "Regards,", "Best wishes,", "Thanks in advance,", "Cheers,", "Yours faithfully,"],
}
MOBILE = {
    "fr": ["Envoyé de mon iPhone", "Envoyé depuis mon mobile Samsung"],
    "en": ["Sent from my iPhone", "Sent from Outlook for Android"],
}
SUPPORT = {
    "fr": ["Voltéane – Relation clients <relation.clients@volteane.fr>", "Sandrine (Voltéane) <relation.clients@volteane.fr>",
           "Voltéane Québec <clientele@volteane.ca>"],
    "en": ["Volteane Customer Care <care@volteane.co.uk>", "Owen at Volteane <care@volteane.co.uk>",
           "Volteane Canada <clients@volteane.ca>"],
}
GENERIC_REPLIES = {
    "fr": [
        "Madame, Monsieur,\n\nNous accusons réception de votre demande, enregistrée sous le {TICKET}. Un conseiller vous répondra dans les meilleurs délais.\n\nL'équipe Relation clients Voltéane",
        "Bonjour,\n\nJe reviens vers vous suite à votre appel de ce matin. N'hésitez pas à nous écrire si la situation évolue.\n\nSandrine\nRelation clients",
        "Bonjour,\n\nPouvez-vous nous préciser votre numéro de client afin que nous puissions retrouver votre dossier ?\n\nCordialement,\nVoltéane",
    ],
    "en": [
        "Dear customer,\n\nThank you for getting in touch. Your enquiry has been logged as {TICKET} and one of our advisers will reply shortly.\n\nVolteane Customer Care",
        "Hi,\n\nFollowing our call earlier, I've added a note to your account. Just reply to this email if anything else comes up.\n\nOwen\nCustomer Care",
        "Hello,\n\nCould you confirm your account number so we can locate your records?\n\nBest,\nVolteane",
    ],
}
OUT_OF_OFFICE = {
    "fr": [
        "Je suis en congés jusqu'au 17 novembre inclus. En cas d'urgence, merci de contacter le standard au {TEL}.",
        "Absente du bureau cette semaine, je traiterai votre message à mon retour. Pour toute urgence : {TEL}.",
    ],
    "en": [
        "I am out of the office until Monday with limited access to email. For anything urgent please call {TEL}.",
        "Thank you for your email. I am currently on annual leave and will respond on my return.",
    ],
}
OOO_SENDERS = {
    "fr": ["Comptabilité fournisseurs <compta@ogec-saintexupere.fr>", "Mélodie Brossard <m.brossard@vasselin-syndic.fr>"],
    "en": ["Accounts <accounts@kingsmere-em.co.uk>", "Trevor Ashworth <t.ashworth@northgatecold.co.uk>"],
}
FORWARD_NOTES = {
    "fr": ["Je vous transfère ce message reçu sur ma boîte perso, merci de le prendre en charge.", "Voir ci-dessous, c'est pour vous je crois.", "Bonjour, je fais suivre la demande de ma collègue.", "pour traitement svp"],
    "en": ["Forwarding this on as it was sent to me by mistake.", "See below - can someone pick this up?", "Passing this to you from our site manager.", "fyi, please action"],
}
