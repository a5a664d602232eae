"""The content of Parentescence's public website, in French and English.

Everything here comes from the association's own description of itself (its project
document and its charter of values and postures); nothing is added to it. The content
build reads PAGES, NAVIGATION, SITE_SETTINGS and FOOTER (see spec.py for the vocabulary).
"""

from home.content.legal import LEGAL_PAGES
from home.content.spec import R, T, PageRef, PageSpec

# ---------------------------------------------------------------------------
# Texts shared by several pages (one French text always has one English text)
# ---------------------------------------------------------------------------

CHARTER_CTA_TITLE = T("Notre charte des valeurs et postures", "Our charter of values and postures")
CHARTER_CTA_BUTTON = T("Lire la charte", "Read the charter")
COLLECTIVE_LINK_LABEL = T("Découvrir les actions collectives", "Discover our collective activities")

# ---------------------------------------------------------------------------
# 1. Home
# ---------------------------------------------------------------------------

HOME = PageSpec(
    key="home",
    type="home.HomePage",
    parent=None,
    title=T("Parentescence", "Parentescence"),
    slug=T("accueil", "home"),
    search_description=T(
        "Parentescence, association loi 1901 d'accompagnement à la parentalité centrée sur la "
        "période périnatale, à Toulouse.",
        "Parentescence, a non-profit association in Toulouse supporting parenthood, with a focus "
        "on the perinatal period.",
    ),
    fields={
        "intro": T(
            "Parentescence est une association loi 1901 d'accompagnement à la parentalité, "
            "centrée sur la période périnatale. Elle a pour vocation de prévenir les difficultés "
            "parentales ainsi que d'accompagner les parents, individuellement et collectivement, "
            "dans leur cheminement.",
            "Parentescence is a non-profit association (under the French law of 1901) supporting "
            "parenthood, with a focus on the perinatal period. Its purpose is to prevent parenting "
            "difficulties and to support parents, individually and collectively, along their "
            "journey.",
        ),
        "entry_points": [
            (
                "entry_point",
                {
                    "audience": T("Parents", "Parents"),
                    "text": T(
                        "Des temps d'échange entre parents et des ateliers parents-enfants pour "
                        "partager vos expériences, rompre l'isolement et renforcer vos liens "
                        "d'attachement avec votre enfant.",
                        "Discussion times between parents and parent–child workshops to share "
                        "your experiences, break isolation and strengthen the attachment bonds "
                        "with your child.",
                    ),
                    "page": PageRef("collective"),
                    "link_label": COLLECTIVE_LINK_LABEL,
                },
            ),
            (
                "entry_point",
                {
                    "audience": T(
                        "Professionnel·le·s de la périnatalité", "Perinatal professionals"
                    ),
                    "text": T(
                        "Un réseau pluridisciplinaire de professionnel·le·s formé·e·s et "
                        "informé·e·s, fédéré·e·s autour de valeurs et postures communes "
                        "d'accompagnement.",
                        "A multidisciplinary network of trained and informed professionals, "
                        "brought together around shared values and postures of support.",
                    ),
                    "page": PageRef("network"),
                    "link_label": T("Découvrir le réseau", "Discover the network"),
                },
            ),
            (
                "entry_point",
                {
                    "audience": T("Institutions partenaires", "Partner institutions"),
                    "text": T(
                        "Un programme d'accompagnement périnatal des familles en situation de "
                        "précarité sociale et financière, vers lequel les institutions "
                        "partenaires orientent les familles.",
                        "A perinatal support programme for families in situations of social and "
                        "financial precarity, to which partner institutions refer families.",
                    ),
                    "page": PageRef("support"),
                    "link_label": T(
                        "Découvrir l'accompagnement individualisé", "Discover our individual support"
                    ),
                },
            ),
        ],
        "body": [
            ("heading", {"text": T("Qui sommes-nous ?", "Who we are"), "level": "h2"}),
            (
                "paragraph",
                R(
                    "<p>Parentescence a été créée en 2020 par deux éducatrices de jeunes enfants, "
                    "aujourd'hui salariées de l'association, à partir d'un constat : l'isolement "
                    "dans lequel les parents peuvent se retrouver au sortir de la maternité.</p>"
                    "<p>Nos actions sont portées par des professionnel·le·s qualifié·e·s et "
                    "formé·e·s à la périnatalité, et s'appuient sur un réseau de plus de trente "
                    "professionnel·le·s spécialisé·e·s en périnatalité.</p>",
                    "<p>Parentescence was founded in 2020 by two early childhood educators, now "
                    "employed by the association, in response to an observation: the isolation "
                    "parents can find themselves in after leaving the maternity ward.</p>"
                    "<p>Our activities are carried out by qualified professionals trained in "
                    "perinatality, and rely on a network of more than thirty professionals "
                    "specialising in perinatality.</p>",
                ),
            ),
            (
                "call_to_action",
                {
                    "title": CHARTER_CTA_TITLE,
                    "text": T(
                        "Les professionnel·le·s de notre réseau signent une charte qui rassemble "
                        "nos valeurs et postures communes d'accompagnement.",
                        "The professionals in our network sign a charter setting out our shared "
                        "values and postures of support.",
                    ),
                    "page": PageRef("charter"),
                    "button_label": CHARTER_CTA_BUTTON,
                },
            ),
        ],
    },
)

# ---------------------------------------------------------------------------
# 2. The association
# ---------------------------------------------------------------------------

ABOUT = PageSpec(
    key="about",
    type="home.StandardPage",
    parent="home",
    title=T("L'association", "The association"),
    slug=T("association", "about"),
    search_description=T(
        "Créée en 2020, Parentescence accompagne les parents pendant la période périnatale et "
        "prévient les difficultés parentales.",
        "Founded in 2020, Parentescence supports parents during the perinatal period and works "
        "to prevent parenting difficulties.",
    ),
    fields={
        "intro": T(
            "Une association créée en 2020 pour accompagner les parents pendant la période "
            "périnatale et prévenir les difficultés parentales.",
            "An association founded in 2020 to support parents during the perinatal period and "
            "to prevent parenting difficulties.",
        ),
        "body": [
            ("heading", {"text": T("Notre histoire", "Our story"), "level": "h2"}),
            (
                "paragraph",
                R(
                    "<p>Parentescence est une association loi 1901 d'accompagnement à la "
                    "parentalité, centrée sur la période périnatale. Créée en 2020 par deux "
                    "éducatrices de jeunes enfants aujourd'hui salariées, elle a pour vocation de "
                    "prévenir les difficultés parentales ainsi que d'accompagner les parents, "
                    "individuellement et collectivement, dans leur cheminement.</p>",
                    "<p>Parentescence is a non-profit association (under the French law of 1901) "
                    "supporting parenthood, with a focus on the perinatal period. Founded in 2020 "
                    "by two early childhood educators who are now its employees, its purpose is to "
                    "prevent parenting difficulties and to support parents, individually and "
                    "collectively, along their journey.</p>",
                ),
            ),
            ("heading", {"text": T("Notre constat", "What we observed"), "level": "h2"}),
            (
                "paragraph",
                R(
                    "<p>Nous sommes parties d'un constat, à la suite du recueil de nombreux "
                    "témoignages de parents (en majorité des mères) : l'isolement dans lequel "
                    "ils/elles peuvent se retrouver au sortir de la maternité, lors des congés "
                    "maternité, paternité et parental.</p>"
                    "<p>Beaucoup de familles sont en demande et en recherche de lieux permettant "
                    "de rencontrer d'autres parents. Elles souhaitent renouer avec une vie "
                    "sociale, partager leurs questionnements et leurs difficultés liés à leur "
                    "parentalité. L'éclairage de professionnel·le·s spécialisé·e·s est également "
                    "sollicité. Ces familles peuvent parfois mettre plusieurs mois avant de "
                    "trouver cet espace ressource.</p>",
                    "<p>We started from an observation, drawn from the many accounts we gathered "
                    "from parents (mostly mothers): the isolation they can find themselves in "
                    "after leaving the maternity ward, during maternity, paternity and parental "
                    "leave.</p>"
                    "<p>Many families are asking for, and looking for, places where they can meet "
                    "other parents. They want to reconnect with a social life and to share the "
                    "questions and difficulties linked to their parenthood. They also seek the "
                    "insight of specialised professionals. These families can sometimes take "
                    "several months to find such a resource.</p>",
                ),
            ),
            ("heading", {"text": T("Nos objectifs", "Our objectives"), "level": "h2"}),
            (
                "paragraph",
                R(
                    "<ul>"
                    "<li>Replacer le parent au centre de sa parentalité et valoriser les "
                    "compétences parentales.</li>"
                    "<li>Accompagner les parents à porter une réflexion sur leur parentalité (les "
                    "questionnements générés par ce changement, les problématiques soulevées, les "
                    "impacts sur leur quotidien, leur projet éducatif).</li>"
                    "<li>Prévenir les difficultés parentales.</li>"
                    "<li>Mettre en valeur les relations parents-enfants, valoriser et renforcer "
                    "leurs liens d'attachement.</li>"
                    "<li>Tisser un réseau de professionnel·le·s de la périnatalité pour créer une "
                    "cohérence de pratiques pluridisciplinaires, croiser les regards, faciliter le "
                    "parcours des familles et leur proposer une prise en charge optimale et "
                    "globale. Actuellement, nous comptons plus de trente professionnel·le·s "
                    "spécialisé·e·s en périnatalité dans notre réseau.</li>"
                    "<li>S'inscrire dans des territoires variés et construire des projets avec les "
                    "partenaires locaux déjà présents.</li>"
                    "</ul>",
                    "<ul>"
                    "<li>Putting parents back at the centre of their parenthood and recognising "
                    "their parenting skills.</li>"
                    "<li>Helping parents reflect on their parenthood (the questions raised by this "
                    "change, the issues it brings up, its impact on their daily lives, their "
                    "approach to bringing up their child).</li>"
                    "<li>Preventing parenting difficulties.</li>"
                    "<li>Highlighting parent–child relationships, and valuing and strengthening "
                    "their attachment bonds.</li>"
                    "<li>Building a network of perinatal professionals in order to create "
                    "consistency across multidisciplinary practices, bring different perspectives "
                    "together, make families' journeys easier and offer them optimal, "
                    "comprehensive care. We currently have more than thirty professionals "
                    "specialising in perinatality in our network.</li>"
                    "<li>Working in a variety of areas and building projects with the local "
                    "partners already there.</li>"
                    "</ul>",
                ),
            ),
            (
                "heading",
                {
                    "text": T(
                        "Des professionnel·le·s formé·e·s à la périnatalité",
                        "Professionals trained in perinatality",
                    ),
                    "level": "h2",
                },
            ),
            (
                "paragraph",
                R(
                    "<p>Les actions de l'association sont portées par des professionnel·le·s "
                    "qualifié·e·s et formé·e·s à la périnatalité, dont deux sont salariées de "
                    "l'association.</p>",
                    "<p>The association's activities are carried out by qualified professionals "
                    "trained in perinatality, two of whom are employed by the association.</p>",
                ),
            ),
        ],
    },
)

# ---------------------------------------------------------------------------
# 3. Collective activities
# ---------------------------------------------------------------------------

COLLECTIVE = PageSpec(
    key="collective",
    type="home.StandardPage",
    parent="home",
    title=T("Les actions collectives", "Collective activities"),
    slug=T("actions-collectives", "collective-activities"),
    search_description=T(
        "Temps d'échange entre parents et ateliers parents-enfants à Toulouse, pendant la "
        "grossesse et le post-partum.",
        "Discussion times between parents and parent–child workshops in Toulouse, during "
        "pregnancy and the post-partum period.",
    ),
    fields={
        "intro": T(
            "Des temps d'échange entre parents et des ateliers parents-enfants pour accompagner "
            "les familles pendant la grossesse et le post-partum.",
            "Discussion times between parents and parent–child workshops to support families "
            "during pregnancy and the post-partum period.",
        ),
        "body": [
            ("heading", {"text": T("Deux types d'actions", "Two types of activities"), "level": "h2"}),
            (
                "paragraph",
                R(
                    "<p>Nous avons développé deux types d'actions envers les familles :</p>"
                    "<ul>"
                    "<li><b>Des temps d'échange entre parents</b>, pour favoriser le partage "
                    "d'expériences, rompre l'isolement et libérer la parole.</li>"
                    "<li><b>Des ateliers parents-enfants</b>, pour développer et renforcer les "
                    "liens d'attachement parents-enfants et revaloriser les compétences "
                    "parentales.</li>"
                    "</ul>",
                    "<p>We have developed two types of activities for families:</p>"
                    "<ul>"
                    "<li><b>Discussion times between parents</b>, to encourage the sharing of "
                    "experiences, break isolation and help parents speak freely.</li>"
                    "<li><b>Parent–child workshops</b>, to develop and strengthen parent–child "
                    "attachment bonds and restore confidence in parenting skills.</li>"
                    "</ul>",
                ),
            ),
            ("heading", {"text": T("Où se déroulent-elles ?", "Where they take place"), "level": "h2"}),
            (
                "paragraph",
                R(
                    "<p>Ces ateliers se déroulent principalement à la maison de quartier des "
                    "Arènes romaines, à Toulouse, ou peuvent être proposés en prestation au sein "
                    "de structures d'accueil.</p>",
                    "<p>These workshops mainly take place at the Arènes romaines community centre "
                    "(maison de quartier) in Toulouse, or can be offered as a service within host "
                    "facilities.</p>",
                ),
            ),
            ("heading", {"text": T("Une démarche de prévention", "A preventive approach"), "level": "h2"}),
            (
                "paragraph",
                R(
                    "<p>Au-delà de répondre à un besoin crucial d'accompagnement sur ces périodes "
                    "charnières que sont la grossesse et le post-partum, ces actions sont, avant "
                    "tout, de véritables outils ayant pour but d'ancrer l'association sur un volet "
                    "préventif des difficultés parentales (troubles du lien d'attachement, "
                    "difficultés maternelles, etc.).</p>",
                    "<p>Beyond meeting a crucial need for support during the pivotal periods of "
                    "pregnancy and the post-partum, these activities are, above all, genuine tools "
                    "intended to anchor the association in the prevention of parenting "
                    "difficulties (attachment disorders, maternal difficulties, etc.).</p>",
                ),
            ),
            (
                "heading",
                {
                    "text": T(
                        "Avec les professionnel·le·s du réseau", "With the network's professionals"
                    ),
                    "level": "h2",
                },
            ),
            (
                "paragraph",
                R(
                    "<p>Certaines actions sont co-animées par des professionnel·le·s de notre "
                    "réseau, bénévolement ou en tant que prestataires.</p>",
                    "<p>Some activities are co-facilitated by professionals from our network, "
                    "either as volunteers or as paid service providers.</p>",
                ),
            ),
            (
                "faq",
                {
                    "title": T("Questions fréquentes", "Frequently asked questions"),
                    "items": [
                        {
                            "question": T(
                                "À qui s'adressent ces actions ?", "Who are these activities for?"
                            ),
                            "answer": R(
                                "<p>Aux parents, pendant la grossesse et le post-partum, qui "
                                "souhaitent rencontrer d'autres parents, partager leurs "
                                "expériences et renforcer leurs liens d'attachement avec leur "
                                "enfant.</p>",
                                "<p>Parents, during pregnancy and the post-partum period, who "
                                "would like to meet other parents, share their experiences and "
                                "strengthen the attachment bonds with their child.</p>",
                            ),
                        },
                        {
                            "question": T(
                                "Où ont lieu les ateliers ?", "Where do the workshops take place?"
                            ),
                            "answer": R(
                                "<p>Principalement à la maison de quartier des Arènes romaines, à "
                                "Toulouse. Ils peuvent aussi être proposés en prestation au sein "
                                "de structures d'accueil.</p>",
                                "<p>Mainly at the Arènes romaines community centre in Toulouse. "
                                "They can also be offered as a service within host "
                                "facilities.</p>",
                            ),
                        },
                        {
                            "question": T("Qui anime les actions ?", "Who runs the activities?"),
                            "answer": R(
                                "<p>Les actions de l'association sont portées par des "
                                "professionnel·le·s qualifié·e·s et formé·e·s à la périnatalité, "
                                "dont deux sont salariées de l'association. Certaines sont "
                                "co-animées par des professionnel·le·s du réseau, bénévolement ou "
                                "en tant que prestataires.</p>",
                                "<p>The association's activities are carried out by qualified "
                                "professionals trained in perinatality, two of whom are employed "
                                "by the association. Some are co-facilitated by professionals "
                                "from the network, either as volunteers or as paid service "
                                "providers.</p>",
                            ),
                        },
                    ],
                },
            ),
        ],
    },
)

# ---------------------------------------------------------------------------
# 4. Individual support
# ---------------------------------------------------------------------------

SUPPORT = PageSpec(
    key="support",
    type="home.StandardPage",
    parent="home",
    title=T("L'accompagnement individualisé", "Individual support"),
    slug=T("accompagnement-individualise", "individual-support"),
    search_description=T(
        "Accompagnement individualisé et programme périnatal pour les familles en situation de "
        "précarité sociale et financière.",
        "Individual support and a perinatal programme for families in situations of social and "
        "financial precarity.",
    ),
    fields={
        "intro": T(
            "Un accompagnement plus personnalisé pour les parents qui en ont besoin, et un "
            "programme d'accompagnement périnatal des familles en situation de précarité sociale "
            "et financière.",
            "More personalised support for parents who need it, and a perinatal support "
            "programme for families in situations of social and financial precarity.",
        ),
        "body": [
            (
                "heading",
                {"text": T("Un projet né de l'expérience", "A project born of experience"), "level": "h2"},
            ),
            (
                "paragraph",
                R(
                    "<p>Le projet d'un accompagnement plus individualisé s'est dessiné au fil de "
                    "nos trois années d'expérience. Certains parents ont en effet une demande "
                    "spécifique ou un besoin de rendez-vous plus personnalisé et intimiste, pour "
                    "poser leurs questions et évoquer leurs éventuelles difficultés "
                    "parentales.</p>"
                    "<p>D'abord informel, dès qu'un parent nous en exprimait la demande, cet "
                    "accompagnement s'est formalisé par des « permanences familles » sur l'année "
                    "scolaire 2022-2023, dans les locaux de l'Udaf 31, partenaire important de "
                    "l'association. Cet organisme rassemble un réseau d'associations œuvrant "
                    "toutes en direction des familles : c'est pourquoi il nous semblait capital de "
                    "travailler en étroite collaboration avec lui.</p>",
                    "<p>The idea of more individualised support took shape over our three years "
                    "of experience. Some parents do indeed have a specific request, or need a more "
                    "personal and private appointment, to ask their questions and talk about any "
                    "parenting difficulties they may have.</p>"
                    "<p>Informal at first, offered whenever a parent asked us for it, this support "
                    "was formalised through family drop-in sessions (permanences familles) during "
                    "the 2022-2023 school year, on the premises of Udaf 31 (the departmental union "
                    "of family associations), an important partner of the association. This "
                    "organisation brings together a network of associations all working for "
                    "families, which is why we felt it was essential to work in close "
                    "collaboration with it.</p>",
                ),
            ),
            (
                "heading",
                {
                    "text": T(
                        "Un programme d'accompagnement périnatal", "A perinatal support programme"
                    ),
                    "level": "h2",
                },
            ),
            (
                "paragraph",
                R(
                    "<p>Cela nous a peu à peu amenées à développer notre projet social, en mettant "
                    "au point un programme d'accompagnement périnatal des familles en situation de "
                    "précarité sociale et financière.</p>"
                    "<p>Les familles présentant une vulnérabilité sociale et un risque de "
                    "difficultés parentales sont orientées vers nous par les institutions "
                    "partenaires du projet, par exemple :</p>"
                    "<ul>"
                    "<li>les MDS ;</li>"
                    "<li>le dispositif d'hébergement d'urgence Voyelles – Cités Caritas ;</li>"
                    "<li>les services de néonatologie et de réanimation néonatale du CHU de "
                    "Purpan.</li>"
                    "</ul>",
                    "<p>This gradually led us to develop our social project, by designing a "
                    "perinatal support programme for families in situations of social and "
                    "financial precarity.</p>"
                    "<p>Families showing social vulnerability and a risk of parenting difficulties "
                    "are referred to us by the project's partner institutions, for example:</p>"
                    "<ul>"
                    "<li>the MDS (maisons des solidarités, the département's social services "
                    "centres);</li>"
                    "<li>Voyelles – Cités Caritas, an emergency-housing scheme;</li>"
                    "<li>the neonatology and neonatal intensive care units of the CHU de Purpan "
                    "(Purpan University Hospital).</li>"
                    "</ul>",
                ),
            ),
            (
                "heading",
                {"text": T("Le parcours d'accompagnement", "The support pathway"), "level": "h2"},
            ),
            (
                "paragraph",
                R(
                    "<p>L'accompagnement se déroule en plusieurs temps :</p>"
                    "<ol>"
                    "<li><b>À domicile</b> : dans un premier temps, la prise en charge se fait en "
                    "individuel, à domicile, par des référentes de terrain (éducatrices de jeunes "
                    "enfants).</li>"
                    "<li><b>Vers les espaces collectifs de l'association</b> : dans un second "
                    "temps, nous proposons un accompagnement vers le groupe de parole et les "
                    "ateliers parents-enfants.</li>"
                    "<li><b>Vers les structures de proximité</b> : puis un accompagnement vers des "
                    "structures du secteur d'habitation des familles (LAEP, PMI, centres sociaux, "
                    "RPE…).</li>"
                    "</ol>",
                    "<p>The support unfolds in several stages:</p>"
                    "<ol>"
                    "<li><b>At home</b>: first, families are supported individually, at home, by "
                    "field referents (early childhood educators).</li>"
                    "<li><b>Towards the association's collective spaces</b>: secondly, we offer to "
                    "accompany them to the discussion group and the parent–child workshops.</li>"
                    "<li><b>Towards local services</b>: then we accompany them towards services in "
                    "the area where the family lives (LAEP, drop-in centres for children and "
                    "parents; PMI, mother and child health centres; social centres; RPE, early "
                    "childhood information services…).</li>"
                    "</ol>",
                ),
            ),
            (
                "call_to_action",
                {
                    "title": T("Nos espaces collectifs", "Our collective spaces"),
                    "text": T(
                        "Groupe de parole et ateliers parents-enfants : découvrez les actions "
                        "collectives de l'association.",
                        "Discussion group and parent–child workshops: discover the association's "
                        "collective activities.",
                    ),
                    "page": PageRef("collective"),
                    "button_label": COLLECTIVE_LINK_LABEL,
                },
            ),
        ],
    },
)

# ---------------------------------------------------------------------------
# 5. The professional network
# ---------------------------------------------------------------------------

NETWORK = PageSpec(
    key="network",
    type="home.StandardPage",
    parent="home",
    title=T("Le réseau professionnel", "The professional network"),
    slug=T("reseau-professionnel", "professional-network"),
    search_description=T(
        "Un réseau pluridisciplinaire de professionnel·le·s de la périnatalité, signataires "
        "d'une charte de valeurs et postures communes.",
        "A multidisciplinary network of perinatal professionals who sign a charter of shared "
        "values and postures.",
    ),
    fields={
        "intro": T(
            "Un réseau pluridisciplinaire de professionnel·le·s de la périnatalité, fédéré·e·s "
            "autour de valeurs et postures communes d'accompagnement.",
            "A multidisciplinary network of perinatal professionals, brought together around "
            "shared values and postures of support.",
        ),
        "body": [
            (
                "heading",
                {"text": T("Les objectifs du réseau", "The network's objectives"), "level": "h2"},
            ),
            (
                "paragraph",
                R(
                    "<p>Notre ambition est de construire un réseau de professionnel·le·s "
                    "pluridisciplinaires de la périnatalité, visant ainsi plusieurs "
                    "objectifs :</p>"
                    "<ul>"
                    "<li>Fédérer des professionnel·le·s de la périnatalité, formé·e·s et "
                    "informé·e·s, autour de valeurs et postures communes d'accompagnement "
                    "(ils/elles sont signataires de notre Charte des valeurs et postures "
                    "professionnelles).</li>"
                    "<li>Faciliter le parcours des parents par une orientation adaptée à leurs "
                    "besoins, grâce à la connaissance des spécificités de chaque professionnel·le "
                    "du réseau.</li>"
                    "<li>Créer une réflexion commune et collective autour de l'accompagnement des "
                    "familles, en animant ce réseau.</li>"
                    "</ul>",
                    "<p>Our ambition is to build a multidisciplinary network of perinatal "
                    "professionals, with several objectives:</p>"
                    "<ul>"
                    "<li>Bringing together trained and informed perinatal professionals around "
                    "shared values and postures of support (they sign our Charter of professional "
                    "values and postures).</li>"
                    "<li>Making parents' journeys easier by referring them according to their "
                    "needs, thanks to our knowledge of what is specific to each professional in "
                    "the network.</li>"
                    "<li>Building shared, collective reflection on supporting families, by running "
                    "this network.</li>"
                    "</ul>",
                ),
            ),
            ("heading", {"text": T("Un réseau qui grandit", "A growing network"), "level": "h2"}),
            (
                "paragraph",
                R(
                    "<p>Fin 2022, 23 professionnel·le·s constituaient notre réseau et 17 "
                    "professions étaient représentées (telles que psychologues, auxiliaire de "
                    "puériculture, éducateurs spécialisés, éducatrices de jeunes enfants, "
                    "infirmières, puéricultrices, ostéopathes, kinésithérapeutes, consultante en "
                    "lactation IBCLC, chiropracteur, etc.).</p>"
                    "<p>Actuellement, nous comptons plus de trente professionnel·le·s "
                    "spécialisé·e·s en périnatalité dans notre réseau.</p>",
                    "<p>At the end of 2022, our network was made up of 23 professionals and 17 "
                    "professions were represented (such as psychologists, a childcare auxiliary, "
                    "specialised educators, early childhood educators, nurses, paediatric nurses, "
                    "osteopaths, physiotherapists, an IBCLC lactation consultant, a chiropractor, "
                    "etc.).</p>"
                    "<p>We currently have more than thirty professionals specialising in "
                    "perinatality in our network.</p>",
                ),
            ),
            ("heading", {"text": T("Adhésion", "Membership"), "level": "h2"}),
            (
                "paragraph",
                R(
                    "<p>Les professionnel·le·s qui intègrent le réseau s'acquittent d'une adhésion "
                    "de 30 €, valable pour un an de date à date. Celle-ci leur permet de "
                    "participer aux réunions du réseau et de s'engager bénévolement dans les "
                    "différentes instances de l'association (actions auprès des familles, "
                    "instances de gouvernance).</p>",
                    "<p>Professionals who join the network pay a membership fee of €30, valid for "
                    "one full year from the date of joining. It allows them to attend network "
                    "meetings and to volunteer in the association's various bodies (activities "
                    "with families, governance bodies).</p>",
                ),
            ),
            ("heading", {"text": T("L'animation du réseau", "Running the network"), "level": "h2"}),
            (
                "paragraph",
                R(
                    "<p>Nous avons mis en place des réunions du réseau, une fois par trimestre, en "
                    "alternant deux formats complémentaires : les Prorencontres et les "
                    "Intervisions.</p>"
                    "<p>Ces deux formats permettent aux professionnel·le·s du réseau :</p>"
                    "<ul>"
                    "<li>d'approfondir les connaissances des différents métiers et de leurs "
                    "spécificités ;</li>"
                    "<li>de porter une réflexion commune sur l'accompagnement global et optimal de "
                    "l'enfant et de sa famille ;</li>"
                    "<li>de croiser les différentes approches professionnelles ;</li>"
                    "<li>de faire bénéficier les membres du réseau de l'expertise de chaque "
                    "professionnel·le, par l'échange de pratiques, la découverte de métiers "
                    "différents et d'accompagnements complémentaires ;</li>"
                    "<li>d'orienter les familles plus justement, par rapport à leurs besoins, en "
                    "toute confiance.</li>"
                    "</ul>",
                    "<p>We hold network meetings once a quarter, alternating between two "
                    "complementary formats: Prorencontres and Intervisions.</p>"
                    "<p>Both formats allow the network's professionals to:</p>"
                    "<ul>"
                    "<li>deepen their knowledge of the different professions and what is specific "
                    "to each;</li>"
                    "<li>reflect together on comprehensive, optimal support for the child and their "
                    "family;</li>"
                    "<li>bring different professional approaches together;</li>"
                    "<li>let network members benefit from each professional's expertise, through "
                    "sharing practice and discovering different professions and complementary "
                    "forms of support;</li>"
                    "<li>refer families more accurately, according to their needs, with complete "
                    "confidence.</li>"
                    "</ul>",
                ),
            ),
            ("heading", {"text": T("Les Prorencontres", "Prorencontres"), "level": "h3"}),
            (
                "paragraph",
                R(
                    "<p>Aujourd'hui thématisées, elles permettent aux professionnel·le·s du réseau "
                    "de connaître un peu plus les spécificités de chacun·e, tout en portant une "
                    "réflexion commune sur l'accompagnement global et optimal de l'enfant et de sa "
                    "famille. Cela permet ensuite à chacun·e de pouvoir orienter les familles, "
                    "plus justement par rapport à leurs besoins, vers tel·le ou tel·le "
                    "professionnel·le.</p>",
                    "<p>Now organised around themes, they allow the network's professionals to get "
                    "to know a little more about what is specific to each of them, while reflecting "
                    "together on comprehensive, optimal support for the child and their family. "
                    "Each of them can then refer families more accurately, according to their "
                    "needs, to one professional or another.</p>",
                ),
            ),
            ("heading", {"text": T("Les Intervisions", "Intervisions"), "level": "h3"}),
            (
                "paragraph",
                R(
                    "<p>Nous travaillons à partir de vignettes cliniques proposées par un·e ou deux "
                    "professionnel·le·s : il s'agit d'exposer un cas pratique, anonymisé et "
                    "construit en amont comme un scénario, accompagné d'une ou plusieurs "
                    "questions, permettant d'explorer ce que les professionnel·le·s du réseau "
                    "feraient avec leur spécialité professionnelle dans une situation "
                    "semblable.</p>"
                    "<p>Chaque professionnel·le va ainsi pouvoir apporter sa vision propre de "
                    "l'accompagnement qu'il/elle aurait proposé dans cette situation, ainsi que "
                    "les questions que cette dernière soulève. L'objectif est de croiser les "
                    "différentes approches professionnelles.</p>",
                    "<p>We work from clinical vignettes put forward by one or two professionals: a "
                    "practical case, anonymised and built beforehand like a scenario, is presented "
                    "together with one or more questions, to explore what the network's "
                    "professionals would do, with their own professional speciality, in a similar "
                    "situation.</p>"
                    "<p>Each professional can thus share their own view of the support they would "
                    "have offered in this situation, as well as the questions it raises. The aim "
                    "is to bring different professional approaches together.</p>",
                ),
            ),
            ("heading", {"text": T("La commission dédiée", "The dedicated committee"), "level": "h2"}),
            (
                "paragraph",
                R(
                    "<p>Nous avons créé en 2021 une commission dédiée au réseau professionnel, "
                    "pour répondre au besoin de définir des critères objectifs d'intégration des "
                    "professionnel·le·s. Cette commission permet de valider ou non, de manière "
                    "collective, l'entrée d'un·e professionnel·le dans le réseau, sur la base des "
                    "critères suivants :</p>"
                    "<ol>"
                    "<li>Adhérer aux valeurs et postures inscrites dans notre Charte et s'engager "
                    "à les faire vivre concrètement dans l'accompagnement des familles.</li>"
                    "<li>Interroger sa pratique et la mettre en regard d'autres pratiques "
                    "professionnelles, pour un accompagnement global des familles.</li>"
                    "<li>Être conscient·e de ses limites afin de faire appel au réseau et pouvoir "
                    "réorienter les familles vers le/la professionnel·le le/la plus adapté·e à "
                    "leurs problématiques.</li>"
                    "<li>S'investir au sein de l'association (participation aux "
                    "Prorencontres/Intervisions, implication bénévole dans les instances "
                    "décisionnaires, co-animation de Parencontres ou d'autres projets).</li>"
                    "</ol>"
                    "<p>Cette commission se réunit environ tous les deux mois. Ces temps de "
                    "réunion sont également mis à profit pour questionner divers sujets liés à ce "
                    "réseau (son évolution, les temps de réunion de ses membres, les difficultés "
                    "rencontrées, etc.).</p>",
                    "<p>In 2021 we set up a committee dedicated to the professional network, to "
                    "meet the need for objective criteria for admitting professionals. This "
                    "committee decides collectively whether or not a professional joins the "
                    "network, on the basis of the following criteria:</p>"
                    "<ol>"
                    "<li>Adhering to the values and postures set out in our Charter and committing "
                    "to putting them into practice when supporting families.</li>"
                    "<li>Questioning one's own practice and comparing it with other professional "
                    "practices, for comprehensive support of families.</li>"
                    "<li>Being aware of one's limits, so as to call on the network and be able to "
                    "refer families on to the professional best suited to their difficulties.</li>"
                    "<li>Getting involved in the association (taking part in "
                    "Prorencontres/Intervisions, volunteering in its decision-making bodies, "
                    "co-facilitating Parencontres or other projects).</li>"
                    "</ol>"
                    "<p>The committee meets roughly every two months. These meetings are also used "
                    "to discuss various matters relating to the network (how it is developing, its "
                    "members' meeting times, the difficulties encountered, etc.).</p>",
                ),
            ),
            (
                "quote",
                {
                    "text": T(
                        "Cette animation de réseau, favorable à une interconnaissance mutuelle des "
                        "professionnel·le·s, et ce socle commun de formation œuvrent en faveur "
                        "d'un accompagnement toujours plus global, précis et qualitatif des "
                        "familles.",
                        "Running the network in this way, which helps professionals get to know "
                        "one another, together with this common grounding in training, works "
                        "towards ever more comprehensive, precise and high-quality support for "
                        "families.",
                    ),
                    "attribution": T("Parentescence", "Parentescence"),
                },
            ),
            (
                "call_to_action",
                {
                    "title": CHARTER_CTA_TITLE,
                    "text": T(
                        "Les professionnel·le·s du réseau sont signataires de notre charte : "
                        "découvrez les valeurs et postures qui fondent notre accompagnement.",
                        "The network's professionals sign our charter: discover the values and "
                        "postures on which our support is founded.",
                    ),
                    "page": PageRef("charter"),
                    "button_label": CHARTER_CTA_BUTTON,
                },
            ),
        ],
    },
)

# ---------------------------------------------------------------------------
# 6. The charter of values and postures
# ---------------------------------------------------------------------------


def _entry(name_fr, name_en, definition_fr, definition_en):
    return ("entry", {"name": T(name_fr, name_en), "definition": T(definition_fr, definition_en)})


CHARTER = PageSpec(
    key="charter",
    type="network.CharterPage",
    parent="network",
    title=T("Charte des valeurs et postures", "Charter of values and postures"),
    slug=T("charte", "charter"),
    search_description=T(
        "La charte des valeurs et postures signée par les professionnel·le·s du réseau "
        "Parentescence.",
        "The charter of values and postures signed by the professionals of the Parentescence "
        "network.",
    ),
    fields={
        "intro": T(
            "Cette charte des valeurs et postures s'adresse aux professionnel·le·s du réseau, "
            "qui en sont signataires.",
            "This charter of values and postures is addressed to the professionals of the "
            "network, who are its signatories.",
        ),
        "version": "1",
        "values": [
            _entry(
                "Bienveillance",
                "Kindness",
                "La bienveillance est la disposition affective d'une volonté qui vise le bien et "
                "le bonheur d'autrui. Il s'agit de veiller à tout moment, et de façon "
                "inconditionnelle et empathique, à accueillir l'autre et ses émotions, à le/la "
                "traiter tel·le qu'il/elle se présente, sans le/la juger, avec indulgence, respect "
                "et compréhension. Valable pour les professionnel·le·s et pour les parents.",
                "Kindness is the emotional disposition of a will that seeks the good and the "
                "happiness of others. It means taking care at all times, unconditionally and "
                "with empathy, to welcome others and their emotions, and to treat them as they "
                "present themselves, without judging them, with indulgence, respect and "
                "understanding. This applies to professionals and parents alike.",
            ),
            _entry(
                "Universalité",
                "Universality",
                "Accessibilité à tou·te·s, adaptation et acceptation de tou·te·s dans leurs "
                "différences (cultures, langues, religions, modèle familial, handicap, situation "
                "socio-économique).",
                "Accessibility for all, adapting to and accepting everyone in their differences "
                "(cultures, languages, religions, family model, disability, socio-economic "
                "situation).",
            ),
            _entry(
                "Coopération",
                "Cooperation",
                "Mise en commun des compétences, savoirs, savoir-être et savoir-faire individuels, "
                "intelligence collective, au bénéfice du collectif, que ce soit durant les "
                "ateliers ou dans le fonctionnement de l'association.",
                "Pooling individual skills, knowledge, interpersonal skills and know-how; "
                "collective intelligence, for the benefit of the group, whether during the "
                "workshops or in the running of the association.",
            ),
            _entry(
                "Respect et non-jugement",
                "Respect and non-judgement",
                "De l'autre, de ses idées, de sa culture, de son origine, de ses pratiques, tant "
                "qu'elles rentrent dans le cadre légal de la loi française.",
                "Of others, of their ideas, their culture, their origin and their practices, as "
                "long as these fall within the legal framework of French law.",
            ),
            _entry(
                "Écoute",
                "Listening",
                "Prêter attention à ce que l'autre dit, pour l'entendre et le comprendre, en toute "
                "bienveillance et dans le non-jugement. Pour cela, il s'agit d'être ouvert·e à "
                "tout ce que l'autre nous dit, pas seulement aux choses que nous voulons "
                "entendre.",
                "Paying attention to what the other person says, in order to hear and understand "
                "them, with kindness and without judgement. This means being open to everything "
                "the other person tells us, not only to the things we want to hear.",
            ),
            _entry(
                "Valoriser les ressources parentales",
                "Valuing parents' resources",
                "Souligner les recherches, les efforts, les essais que les parents mettent en "
                "place. Les orienter si nécessaire vers des professionnel·le·s, sans dénigrer "
                "leurs compétences.",
                "Recognising the research, efforts and attempts that parents make. Referring them "
                "to professionals if necessary, without disparaging their skills.",
            ),
            _entry(
                "Coopération parents/professionnel·le·s",
                "Cooperation between parents and professionals",
                "Collaboration parents/professionnel·le·s : le/la professionnel·le veille à "
                "considérer le parent comme la personne connaissant le mieux son enfant, à "
                "valoriser les ressources parentales et à rendre le parent acteur de sa "
                "parentalité. Il/elle met ses connaissances et ses compétences professionnelles au "
                "service du parent et de l'enfant, en les adaptant à leurs besoins. Parents et "
                "professionnel·le·s œuvrent ensemble pour le bien-être et le développement "
                "harmonieux de l'enfant.",
                "Collaboration between parents and professionals: professionals make sure to "
                "regard parents as the people who know their child best, to value parents' "
                "resources and to make parents active players in their own parenthood. They put "
                "their professional knowledge and skills at the service of the parent and the "
                "child, adapting them to their needs. Parents and professionals work together "
                "for the well-being and harmonious development of the child.",
            ),
        ],
        "postures": [
            _entry(
                "Empathie",
                "Empathy",
                "Capacité à ressentir ses propres émotions, à sentir les émotions de l'autre et à "
                "les accueillir telles qu'elles se présentent.",
                "The ability to feel one's own emotions, to sense the emotions of others and to "
                "welcome them as they come.",
            ),
            _entry(
                "Respect inconditionnel de l'enfant",
                "Unconditional respect for the child",
                "De son rythme, de son intégrité physique et mentale, de son consentement (à la "
                "hauteur de sa compréhension et des besoins des parents), de son expression "
                "verbale et non verbale, de ses besoins physiologiques et psycho-affectifs.",
                "For their pace, their physical and mental integrity, their consent (to the "
                "extent of their understanding and of the parents' needs), their verbal and "
                "non-verbal expression, and their physiological and psycho-emotional needs.",
            ),
            _entry(
                "Se maintenir informé·e",
                "Keeping informed",
                "Sur le champ du développement physiologique, cognitif, affectif et psychologique "
                "de l'enfant.",
                "About the child's physiological, cognitive, emotional and psychological "
                "development.",
            ),
            _entry(
                "Informer",
                "Informing",
                "Devoir d'information, de prévention et de sensibilisation auprès des parents.",
                "A duty to inform parents, to carry out prevention and to raise their awareness.",
            ),
            _entry(
                "S'ajuster aux familles",
                "Adjusting to families",
                "Adapter sa proposition d'accompagnement professionnel et son discours en fonction "
                "du parent et de l'enfant.",
                "Adapting the professional support one offers, and the way one speaks, to the "
                "parent and the child.",
            ),
            _entry(
                "Devoir de discrétion",
                "Duty of discretion",
                "Le/la professionnel·le doit faire preuve de discrétion quant aux faits et "
                "informations relatifs aux familles qu'il/elle accompagne.",
                "Professionals must show discretion regarding facts and information relating to "
                "the families they support.",
            ),
        ],
        "commitment": T(
            "Le/la professionnel·le signataire de notre réseau s'engage à respecter cette charte. "
            "Autant que possible, il/elle veillera également à proposer un environnement adapté "
            "aux familles.",
            "The signatory professional of our network undertakes to respect this charter. As far "
            "as possible, they will also take care to offer an environment suited to families.",
        ),
    },
)

# ---------------------------------------------------------------------------
# What the build reads
# ---------------------------------------------------------------------------

DIRECTORY = PageSpec(
    key="directory",
    type="network.DirectoryIndexPage",
    parent="home",
    title=T("Trouver un·e professionnel·le", "Find a professional"),
    slug=T("annuaire", "directory"),
    search_description=T(
        "Les professionnel·le·s de la périnatalité du réseau Parentescence, par profession.",
        "The perinatal professionals of the Parentescence network, by profession.",
    ),
    fields={
        "intro": T(
            "Les professionnel·le·s du réseau, signataires de notre charte des valeurs et postures, "
            "présenté·e·s par profession.",
            "The professionals of the network, signatories of our charter of values and postures, "
            "listed by profession.",
        ),
    },
)

JOIN = PageSpec(
    key="join",
    type="network.JoinPage",
    parent="network",
    title=T("Rejoindre le réseau", "Join the network"),
    slug=T("rejoindre", "join"),
    search_description=T(
        "Candidater au réseau professionnel de Parentescence : la commission examine chaque candidature.",
        "Apply to the Parentescence professional network: the committee reviews every application.",
    ),
    fields={
        "introduction": R(
            "<p>Vous êtes professionnel·le de la périnatalité et vous partagez nos valeurs ? La commission "
            "dédiée au réseau examine collectivement chaque candidature, au regard de ses quatre critères. "
            "Elle se réunit environ tous les deux mois.</p>"
            "<p>L'adhésion au réseau est de 30 €, valable un an de date à date.</p>",
            "<p>Are you a perinatal professional who shares our values? The committee dedicated to the "
            "network reviews every application collectively, against its four criteria. It meets about "
            "every two months.</p>"
            "<p>Network membership costs €30, valid for one year from date to date.</p>",
        ),
        "consent_text": R(
            "<p>Nous conservons les informations de ce formulaire pour examiner votre candidature. Seule la "
            "commission y a accès. Si votre candidature est acceptée, seuls votre nom, votre profession, "
            "votre commune, vos langues, vos thèmes et votre présentation sont publiés dans l'annuaire ; "
            "vos coordonnées restent privées. Si elle n'est pas acceptée, elle est effacée, avec ses pièces "
            "jointes, au bout de douze mois.</p>",
            "<p>We keep the information in this form to review your application. Only the committee can "
            "see it. If your application is accepted, only your name, profession, town, languages, themes "
            "and presentation are published in the directory; your contact details stay private. If it is "
            "not accepted, it is erased, with its attachments, after twelve months.</p>",
        ),
        "thank_you": R(
            "<p>Merci ! Votre candidature a bien été envoyée : un e-mail vous le confirme. La commission "
            "l'examinera lors de sa prochaine réunion et vous écrira dès qu'elle aura pris sa décision.</p>",
            "<p>Thank you! Your application has been sent: an e-mail confirms it. The committee will review "
            "it at its next meeting and will write to you as soon as it has decided.</p>",
        ),
    },
)

HELP = PageSpec(
    key="help",
    type="network.HelpFinderPage",
    parent="home",
    title=T("Je cherche de l'aide pour…", "I am looking for help with…"),
    slug=T("trouver-de-l-aide", "find-help"),
    search_description=T(
        "Choisissez votre besoin : les professions qui y répondent et les professionnel·le·s du réseau près de chez vous.",
        "Choose your need: the professions that answer it and the network's professionals near you.",
    ),
    fields={
        "intro": T(
            "Faciliter le parcours des parents par une orientation adaptée à leurs besoins, grâce à la "
            "connaissance des spécificités de chaque professionnel·le du réseau : choisissez ce qui vous "
            "préoccupe, nous vous indiquons qui peut vous accompagner.",
            "Making the parents' path easier by directing them according to their needs, thanks to what we "
            "know of each network professional's specific skills: choose what concerns you and we show you "
            "who can support you.",
        ),
    },
)

PARTNERS = PageSpec(
    key="partners",
    type="network.PartnerDirectoryPage",
    parent="support",
    title=T("Structures partenaires et de proximité", "Partner and local structures"),
    slug=T("structures-partenaires", "partner-structures"),
    search_description=T(
        "Les structures partenaires et de proximité vers lesquelles l'association oriente les familles.",
        "The partner and local structures the association directs families to.",
    ),
    fields={
        "intro": T(
            "Après l'accompagnement individuel, nous proposons aux familles un accompagnement vers les "
            "structures du secteur d'habitation des familles (LAEP, PMI, centres sociaux, RPE…).",
            "After individual support, we offer families support towards the structures of the area where "
            "they live (parent–child drop-in centres, maternal and child health services, social centres, "
            "childcare networks…).",
        ),
    },
)

AGENDA = PageSpec(
    key="agenda",
    type="resources.EventCalendarPage",
    parent="home",
    title=T("Agenda", "Calendar"),
    slug=T("agenda", "calendar"),
    search_description=T(
        "Les temps d'échange entre parents et les ateliers parents-enfants de Parentescence, à Toulouse : "
        "dates, lieux, inscription.",
        "Parentescence's parent discussion times and parent–child workshops in Toulouse: dates, places, "
        "registration.",
    ),
    fields={
        "intro": T(
            "Des temps d'échange entre parents, pour partager son expérience, rompre l'isolement et libérer "
            "la parole, et des ateliers parents-enfants, pour développer les liens d'attachement et revaloriser "
            "les compétences parentales. Ils ont lieu principalement à la maison de quartier des arènes "
            "romaines, à Toulouse, ou dans des structures partenaires. L'inscription est gratuite et ne "
            "demande pas de compte.",
            "Discussion times between parents, to share experience, break isolation and speak freely, and "
            "parent–child workshops, to develop attachment bonds and value parenting skills. They are mostly "
            "held at the maison de quartier des arènes romaines, in Toulouse, or in partner structures. "
            "Registration is free and needs no account.",
        ),
    },
)

WORKSHOP_RESOURCES = PageSpec(
    key="workshop-resources",
    type="resources.WorkshopResourceIndexPage",
    parent="network",
    title=T("Ressources d'animation", "Facilitation resources"),
    slug=T("ressources-d-animation", "facilitation-resources"),
    search_description=T(
        "Fiches d'animation des temps d'échange entre parents et des ateliers parents-enfants.",
        "Guides for running parent discussion times and parent–child workshops.",
    ),
    fields={
        "intro": T(
            "Pour animer un temps d'échange entre parents ou un atelier parents-enfants : objectifs, "
            "déroulé, matériel, points de vigilance. Les flyers et présentations sont en accès libre ; "
            "les fiches d'animation sont réservées aux membres du réseau.",
            "To run a parent discussion time or a parent–child workshop: objectives, how a session "
            "unfolds, materials, points of vigilance. Flyers and presentations are open to all; "
            "facilitation guides are for the network's members.",
        ),
    },
)

CONTACT = PageSpec(
    key="contact",
    type="contact.ContactPage",
    parent="home",
    title=T("Nous contacter", "Contact us"),
    slug=T("nous-contacter", "contact-us"),
    search_description=T(
        "Écrire à Parentescence : une question, un besoin d'accompagnement, un·e professionnel·le du réseau à joindre.",
        "Write to Parentescence: a question, a need for support, a professional of the network to reach.",
    ),
    fields={
        "introduction": R(
            "<p>Une question sur nos ateliers ou nos temps d'échange, un besoin d'accompagnement, un·e "
            "professionnel·le du réseau à joindre ? Écrivez-nous : une personne de l'équipe vous répondra.</p>",
            "<p>A question about our workshops or discussion times, a need for support, a professional of the "
            "network to reach? Write to us: someone from the team will answer you.</p>",
        ),
        "thank_you": R(
            "<p>Merci, votre message est bien arrivé. Un e-mail vous le confirme ; une personne de l'équipe vous "
            "répondra dès que possible.</p>",
            "<p>Thank you, your message has arrived. An e-mail confirms it; someone from the team will answer "
            "you as soon as possible.</p>",
        ),
    },
)

PAGES: list[PageSpec] = [
    HOME, ABOUT, COLLECTIVE, SUPPORT, NETWORK, CHARTER, DIRECTORY, JOIN, HELP, PARTNERS, AGENDA, WORKSHOP_RESOURCES,
    CONTACT, *LEGAL_PAGES,
]

NAVIGATION = ["about", "collective", "support", "network", "agenda", "help", "directory", "join"]

# The partner institutions and places the association's description names. No address or
# phone number is given there: editors complete them.
PARTNER_STRUCTURES = [
    {
        "name": "Udaf 31",
        "kind": "udaf",
        "postcode": "31000",
        "commune": "Toulouse",
        "description": T(
            "Partenaire important de l'association, l'Udaf rassemble un réseau d'associations œuvrant toutes "
            "en direction des familles ; les « permanences familles » s'y sont tenues.",
            "An important partner of the association, the Udaf brings together a network of associations all "
            "working for families; the \"family drop-in sessions\" were held there.",
        ),
    },
    {
        "name": "Maison de quartier des Arènes romaines",
        "kind": "centre_social",
        "postcode": "31300",
        "commune": "Toulouse",
        "description": T(
            "Lieu principal des temps d'échange entre parents et des ateliers parents-enfants de l'association.",
            "The main venue of the association's parent discussion groups and parent–child workshops.",
        ),
    },
    {
        "name": "CHU de Toulouse — Purpan, néonatologie et réanimation néonatale",
        "kind": "maternite",
        "postcode": "31300",
        "commune": "Toulouse",
        "description": T(
            "Les services de néonatologie et de réanimation néonatale orientent vers l'association des "
            "familles présentant une vulnérabilité sociale.",
            "The neonatology and neonatal intensive care units refer socially vulnerable families to the "
            "association.",
        ),
    },
    {
        "name": "Maisons des solidarités (MDS) de la Haute-Garonne",
        "kind": "mds",
        "postcode": "31000",
        "commune": "Toulouse",
        "description": T(
            "Institution partenaire du programme d'accompagnement périnatal des familles en situation de précarité.",
            "A partner institution of the perinatal support programme for families in precarious situations.",
        ),
    },
    {
        "name": "Voyelles — Cités Caritas",
        "kind": "hebergement",
        "postcode": "31000",
        "commune": "Toulouse",
        "description": T(
            "Dispositif d'hébergement d'urgence, partenaire du programme d'accompagnement périnatal.",
            "An emergency housing scheme, partner of the perinatal support programme.",
        ),
    },
]

# The association's description gives no street address, e-mail or phone number.
SITE_SETTINGS = {
    "organisation_name": "Parentescence",
    "address": "Toulouse",
    "email": "",
    "phone": "",
}

# Where families meet the association, as its description says: the "permanences familles" at
# the Udaf 31 and the workshops at the maison de quartier des Arènes romaines. It gives no days
# or hours, and no address to send the form's messages to: editors complete them.
CONTACT_SETTINGS = {
    "permanences_place": "Udaf 31, Toulouse",
    "permanences_hours": "",
    "permanences_hours_en": "",
    "workshops_place": "Maison de quartier des Arènes romaines, Toulouse",
    "messages_recipient": "",
}

FOOTER = R(
    "<p>Parentescence est une association loi 1901 d'accompagnement à la parentalité, centrée "
    "sur la période périnatale, à Toulouse depuis 2020.</p>",
    "<p>Parentescence is a non-profit association (under the French law of 1901) supporting "
    "parenthood during the perinatal period, in Toulouse since 2020.</p>",
)
