"""Invented French vignette passages and the identifying spans they hold, for the anonymisation check.

Every person, place, number and structure here is made up. Each entry is a `Vignette`:
`expected` lists (category, exact substring); every whole-word occurrence of the substring is
an expected span. `documented` lists known false positives the detector is allowed to report
(they are still counted and printed as false positives). `clean` entries are correctly
anonymised: they must produce nothing but their documented false positives.
"""

from typing import NamedTuple

# Structures the network's members name in their vignettes (passed to scan()).
STRUCTURE_NAMES = (
    "CHU Purpan",
    "Hôpital des enfants",
    "maternité Paule de Viguier",
    "Voyelles",
    "PMI de Bagatelle",
    "crèche Les Petits Loups",
    "Clinique Ambroise Paré",
    "Maison des familles",
    "Lieu d'accueil enfants-parents La Courte Échelle",
)


class Vignette(NamedTuple):
    name: str
    text: str
    expected: tuple = ()
    documented: tuple = ()

    @property
    def clean(self):
        return not self.expected


CORPUS = (
    # --- Passages with identifying data -----------------------------------------------------
    Vignette(
        "sage-femme, première consultation",
        "Lors de notre première rencontre, Inès, 32 ans, enceinte de 7 mois, me confie ses craintes. "
        "Elle doit accoucher au CHU Purpan et redoute une nouvelle césarienne.",
        (("first_name", "Inès"), ("structure", "CHU Purpan")),
    ),
    Vignette(
        "sage-femme libérale, prise de poids",
        "Je suis sage-femme libérale. Mme D. m'appelle le 12/03/2021 au 06 12 34 56 78 : son fils "
        "Noah, né le 2 mars, ne reprend pas son poids de naissance.",
        (("date", "12/03/2021"), ("phone", "06 12 34 56 78"), ("first_name", "Noah"), ("date", "2 mars")),
    ),
    Vignette(
        "psychologue, visite à domicile",
        "La famille vit au 4 bis avenue de la Gloire, 31500 Toulouse, dans un deux-pièces sans "
        "ascenseur. Je m'y rends chaque semaine pendant le premier trimestre du bébé.",
        (("address", "4 bis avenue de la Gloire"), ("postcode", "31500")),
    ),
    Vignette(
        "consultante en lactation, report de séance",
        "Après la deuxième séance, la maman m'a écrit à sabrina.k75@gmail.com pour reporter : "
        "les crevasses l'empêchaient de sortir.",
        (("email", "sabrina.k75@gmail.com"),),
    ),
    Vignette(
        "secrétariat, dossier transmis par erreur",
        "Sur le dossier transmis par erreur figuraient son numéro de sécurité sociale, "
        "2 85 03 31 555 123 45, et la date de naissance de l'enfant, le 14 février 2020.",
        (("nir", "2 85 03 31 555 123 45"), ("date", "14 février 2020")),
    ),
    Vignette(
        "psychologue de PMI, troubles du sommeil",
        "Karim, le papa, vient à chaque consultation à la PMI de Bagatelle. Leur fille Aya, née en "
        "mars 2019, dort mal depuis son entrée en crèche.",
        (("first_name", "Karim"), ("structure", "PMI de Bagatelle"), ("first_name", "Aya"),
         ("date", "mars 2019")),
    ),
    Vignette(
        "consultante en lactation, maternité",
        "J'ai rencontré Fatoumata et son bébé Moussa le mardi 5 octobre 2021 à la maternité Paule "
        "de Viguier, au lendemain d'une sortie précoce refusée.",
        (("first_name", "Fatoumata"), ("first_name", "Moussa"), ("date", "mardi 5 octobre 2021"),
         ("structure", "maternité Paule de Viguier")),
    ),
    Vignette(
        "ostéopathe, torticolis",
        "Le petit Jean-Baptiste, 3 semaines, m'est adressé pour un torticolis. Sa mère, "
        "Marie-Claire, a eu un accouchement long, terminé aux forceps.",
        (("first_name", "Jean-Baptiste"), ("first_name", "Marie-Claire")),
    ),
    Vignette(
        "éducatrice de jeunes enfants, morsures",
        "À la crèche Les Petits Loups, Lucas (2 ans) mord ses camarades. Sa référente, Claire, "
        "note chaque épisode dans le cahier de transmissions.",
        (("structure", "crèche Les Petits Loups"), ("first_name", "Lucas"), ("first_name", "Claire")),
    ),
    Vignette(
        "doula, premier contact",
        "Je suis doula. Yasmine m'a contactée au 07.81.22.45.90 à 34 semaines d'aménorrhée, "
        "inquiète à l'idée d'accoucher seule.",
        (("first_name", "Yasmine"), ("phone", "07.81.22.45.90")),
    ),
    Vignette(
        "psychomotricienne, interprétariat",
        "La famille habite résidence Les Tilleuls, bâtiment C. Ayşe, la mère, parle peu le "
        "français ; son mari Mehmet traduit pendant les séances.",
        (("address", "résidence Les Tilleuls"), ("first_name", "Ayşe"), ("first_name", "Mehmet")),
    ),
    Vignette(
        "coordonnées en signature",
        "Tél. : +33 6 45 12 78 09 — courriel : contact.famille-leroy@orange.fr. Merci de ne pas "
        "diffuser ces coordonnées.",
        (("phone", "+33 6 45 12 78 09"), ("email", "contact.famille-leroy@orange.fr")),
    ),
    Vignette(
        "sage-femme, projet de naissance",
        "Le père, joignable au 0033 7 88 99 00 11, souhaite être présent à la séance du 1er juin "
        "consacrée au projet de naissance.",
        (("phone", "0033 7 88 99 00 11"), ("date", "1er juin")),
    ),
    Vignette(
        "NIR sans espaces",
        "Le formulaire de la CPAM portait le NIR 1870275123456 sans la clé ; la mère l'avait "
        "recopié elle-même.",
        (("nir", "1870275123456"),),
    ),
    Vignette(
        "NIR corse",
        "Numéro d'assurée de la mère : 2 91 07 2A 004 031 87. Elle souhaitait que je le garde "
        "pour les remboursements.",
        (("nir", "2 91 07 2A 004 031 87"),),
    ),
    Vignette(
        "NIR avec clé collée",
        "La fiche de liaison mentionnait « 284126912345678 » comme numéro d'immatriculation de "
        "la maman.",
        (("nir", "284126912345678"),),
    ),
    Vignette(
        "NIR à côté d'un portable",
        "Son numéro de sécurité sociale (1 78 12 13 055 089 62) et son portable (06 98 76 54 32) "
        "figuraient sur la fiche de transmission.",
        (("nir", "1 78 12 13 055 089 62"), ("phone", "06 98 76 54 32")),
    ),
    Vignette(
        "numéros collés et tirets",
        "Elle m'a laissé deux numéros, 0612345678 et 05-61-23-45-67, et m'a demandé de rappeler "
        "le soir, après le bain de Zofia.",
        (("phone", "0612345678"), ("phone", "05-61-23-45-67"), ("first_name", "Zofia")),
    ),
    Vignette(
        "standard d'une clinique",
        "Le standard de la Clinique Ambroise Paré (+33 (0)5 61 77 22 33) m'a transmis le compte "
        "rendu opératoire.",
        (("structure", "Clinique Ambroise Paré"), ("phone", "+33 (0)5 61 77 22 33")),
    ),
    Vignette(
        "e-mails de professionnels",
        "J'ai écrit au Dr B. (dr.m.benali@chu-toulouse.fr) et à la puéricultrice, "
        "puer.secteur3@cd31.fr, pour organiser une synthèse.",
        (("email", "dr.m.benali@chu-toulouse.fr"), ("email", "puer.secteur3@cd31.fr")),
    ),
    Vignette(
        "e-mail en majuscules",
        "Pour les photos de la naissance, le couple avait créé l'adresse "
        "PAPA.MAMAN.2022@YAHOO.FR, qu'il m'a donnée.",
        (("email", "PAPA.MAMAN.2022@YAHOO.FR"),),
    ),
    Vignette(
        "adresse en minuscules",
        "Le retour à domicile s'est fait au 12 rue des lilas, 75019 Paris, chez la grand-mère de "
        "Kenza.",
        (("address", "12 rue des lilas"), ("postcode", "75019"), ("first_name", "Kenza")),
    ),
    Vignette(
        "impasse et boulevard",
        "Après la séparation, la mère habite impasse Vendôme ; le père est resté au 18 bd Carnot, "
        "près de l'école de Tom.",
        (("address", "impasse Vendôme"), ("address", "18 bd Carnot"), ("first_name", "Tom")),
    ),
    Vignette(
        "allée et lotissement",
        "Elle me reçoit au 7, allée Jean Jaurès, puis déménage au lotissement Le Clos Fleuri à "
        "Blagnac (31700) avant la naissance.",
        (("address", "7, allée Jean Jaurès"), ("address", "lotissement Le Clos Fleuri"),
         ("postcode", "31700")),
    ),
    Vignette(
        "code postal seul",
        "La famille, arrivée de Marseille 13015 l'été dernier, cherche une assistante "
        "maternelle près de Toulouse 31000.",
        (("postcode", "13015"), ("postcode", "31000")),
    ),
    Vignette(
        "outre-mer",
        "Installée à Saint-Denis 97400 depuis la naissance d'Ilyes, la mère se sent isolée ; "
        "elle m'écrit via la Maison des familles.",
        (("postcode", "97400"), ("first_name", "Ilyes"), ("structure", "Maison des familles")),
    ),
    Vignette(
        "date de naissance numérique",
        "Le carnet de santé indique une naissance le 03.11.2020 à 36 SA, et un premier rendez-vous "
        "de suivi le 17-11-20.",
        (("date", "03.11.2020"), ("date", "17-11-20")),
    ),
    Vignette(
        "dates en toutes lettres",
        "Depuis le 3 avril, Léonie refuse le sein ; sa mère a repris le travail le lundi 12 avril "
        "2021.",
        (("date", "3 avril"), ("first_name", "Léonie"), ("date", "lundi 12 avril 2021")),
    ),
    Vignette(
        "accent-insensible",
        "Orientée vers l'hopital des Enfants pour une bronchiolite, la petite Zoe est ensuite "
        "suivie par Voyelles, où je travaille.",
        (("structure", "hopital des Enfants"), ("first_name", "Zoe"), ("structure", "Voyelles")),
    ),
    Vignette(
        "prénom d'usage composé et apostrophe",
        "Le suivi d'Emma et de son frère Jean-Luc s'est poursuivi ; Anne-Sophie, leur mère, "
        "relit chaque compte rendu avec Pierre, son compagnon.",
        (("first_name", "Emma"), ("first_name", "Jean-Luc"), ("first_name", "Anne-Sophie"),
         ("first_name", "Pierre")),
    ),
    Vignette(
        "psychologue, deuil périnatal",
        "Mamadou et Aminata ont perdu leur premier enfant, Ousmane, né le 8 janvier 2018. "
        "Ils consultent à la naissance de leur fille Awa.",
        (("first_name", "Mamadou"), ("first_name", "Aminata"), ("first_name", "Ousmane"),
         ("date", "8 janvier 2018"), ("first_name", "Awa")),
    ),
    Vignette(
        "lieu d'accueil enfants-parents",
        "Au Lieu d'accueil enfants-parents La Courte Échelle, João et Mariana viennent chaque "
        "jeudi avec leur fils Tiago, né fin juin 2022.",
        (("structure", "Lieu d'accueil enfants-parents La Courte Échelle"), ("first_name", "João"),
         ("first_name", "Mariana"), ("first_name", "Tiago"), ("date", "juin 2022")),
    ),
    Vignette(
        "mot courant en milieu de phrase",
        "Sa fille aînée, Victoire, s'inquiète du nouveau-né. Dans le jeu, la poupée s'appelle "
        "Rose, comme la voisine.",
        (("first_name", "Victoire"), ("first_name", "Rose")),
    ),
    Vignette(
        "date ISO et date sans année",
        "Le compte rendu daté du 2023-02-14 mentionne une sortie le 16/02 et une visite de "
        "Malik, le frère, le vendredi.",
        (("date", "2023-02-14"), ("date", "16/02"), ("first_name", "Malik")),
    ),

    # --- Correctly anonymised passages ------------------------------------------------------
    Vignette(
        "initiales et année",
        "Mme B., 29 ans, primipare, est suivie dans une maternité de la région. Le bébé est né à "
        "terme en 2019, par voie basse.",
    ),
    Vignette(
        "prénom-mot courant en début de phrase",
        "Claire et nette, sa demande est de comprendre pourquoi l'allaitement a été si "
        "douloureux. Pierre angulaire du suivi, la confiance s'est construite peu à peu.",
    ),
    Vignette(
        "victoire et grâce",
        "Victoire modeste mais réelle : l'enfant accepte enfin la cuillère. Grâce à la "
        "psychologue de la PMI, M. et Mme K. ont pu reprendre pied.",
    ),
    Vignette(
        "mots de rue génériques",
        "Dans la rue, l'enfant refuse de donner la main ; sur la place du marché, il se roule par "
        "terre. La mère dit ne plus savoir quel chemin prendre.",
    ),
    Vignette(
        "âges et mesures",
        "Le nourrisson de 3 mois pèse 5,2 kg. Sa mère, 28 ans, allaite exclusivement ; le poids "
        "est passé de 3 250 g à 4 100 g en 5 semaines.",
    ),
    Vignette(
        "mois seul et année seule",
        "En mars, la famille a déménagé ; en 2020, un second enfant est né. Depuis septembre, "
        "l'aîné va à l'école.",
    ),
    Vignette(
        "mots de la famille",
        "La maman parle de Papa et Maman, ses propres parents, qu'elle appelle Mamie et Papi "
        "devant le bébé. Madame dit que Monsieur travaille de nuit.",
    ),
    Vignette(
        "cours et place",
        "Au cours de la grossesse, elle a suivi 3 cours de préparation à la naissance. À la "
        "place de la tétée du soir, elle propose un biberon de 180 ml.",
    ),
    Vignette(
        "mois et fête capitalisés",
        "Avril est arrivé, et avec lui la reprise du travail. Noël a été difficile : la "
        "belle-famille a multiplié les remarques sur le sommeil du bébé.",
    ),
    Vignette(
        "structures génériques",
        "Le couple a consulté à la maternité, puis au centre de PMI du quartier et au CAMSP ; le "
        "rendez-vous suivant est fixé à 14 h 30, salle 2.",
    ),
    Vignette(
        "montants et références",
        "Le foyer perçoit 12500 euros par an. Le dossier n° 2021-0456 a été transmis à la CAF "
        "en 2021, soit 10 mois après la naissance.",
    ),
    Vignette(
        "métiers et initiales",
        "La sage-femme de PMI, l'ostéopathe et la psychomotricienne se sont réunies. L'enfant, "
        "appelé ici L., a 18 mois ; sa sœur A. a 3 ans.",
    ),
    Vignette(
        "aurore et citations",
        "« Aurore ou crépuscule, je ne sais plus », dit la mère à propos des tétées de nuit. "
        "Olive, pain et fromage : le père énumère ce qu'il mange seul le soir.",
    ),
    Vignette(
        "militaire de la Marine",
        "Son conjoint est militaire dans la Marine, souvent absent plusieurs mois ; elle vit en "
        "Lorraine, loin de sa famille, depuis la naissance.",
        documented=(("first_name", "Marine"),),
    ),
    Vignette(
        "école au nom d'une personnalité",
        "L'aîné, 6 ans, est scolarisé à l'école Victor Hugo du quartier ; la mère dit qu'il "
        "« fait payer » au bébé chaque soir ses journées difficiles.",
        documented=(("first_name", "Victor"), ("first_name", "Hugo")),
    ),
)
