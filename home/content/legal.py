"""The legal pages every French association's site owes its visitors: the legal notice
(*mentions légales*), the privacy notice for visitors and families (written from
docs/privacy.md) and the accessibility statement (RGAA 4.1 model).

Nothing is invented: what the association's description does not say (street address, RNA
number, president's name, host) is stated as "to be completed" for the association to fill in
from the admin. The footer links to these pages by their keys (LEGAL_PAGE_KEYS).
"""

from home.content.spec import PageRef, PageSpec, R, T

# The footer's "Informations" column, in this order (ContentRecord keys "page:<key>").
LEGAL_PAGE_KEYS = ("legal_notice", "privacy", "accessibility")


def _heading(fr, en):
    return ("heading", {"text": T(fr, en), "level": "h2"})


LEGAL_NOTICE = PageSpec(
    key="legal_notice",
    type="home.StandardPage",
    parent="home",
    title=T("Mentions légales", "Legal notice"),
    slug=T("mentions-legales", "legal-notice"),
    search_description=T(
        "Qui publie ce site : l'association Parentescence, loi 1901, à Toulouse.",
        "Who publishes this site: the Parentescence association, under the French law of 1901, in Toulouse.",
    ),
    fields={
        "intro": T(
            "Qui publie ce site, qui l'héberge, et ce que vous pouvez en faire.",
            "Who publishes this site, who hosts it, and what you may do with it.",
        ),
        "body": [
            _heading("L'éditeur du site", "The site's publisher"),
            (
                "paragraph",
                R(
                    "<p>Ce site est publié par <b>Parentescence</b>, association loi 1901 "
                    "d'accompagnement à la parentalité, centrée sur la période périnatale, à Toulouse.</p>"
                    "<ul><li>Adresse : à compléter par l'association.</li>"
                    "<li>Numéro RNA : à compléter par l'association.</li>"
                    "<li>Pour nous écrire : la page « Nous contacter » du site.</li></ul>",
                    "<p>This site is published by <b>Parentescence</b>, a non-profit association (under "
                    "the French law of 1901) supporting parenthood during the perinatal period, in Toulouse.</p>"
                    "<ul><li>Address: to be completed by the association.</li>"
                    "<li>RNA number (register of associations): to be completed by the association.</li>"
                    "<li>To write to us: the site's \"Contact us\" page.</li></ul>",
                ),
            ),
            _heading("Directeur ou directrice de la publication", "Publication director"),
            (
                "paragraph",
                R(
                    "<p>La personne qui préside l'association, en sa qualité de représentante légale.</p>",
                    "<p>The association's president, as its legal representative.</p>",
                ),
            ),
            _heading("Hébergement", "Hosting"),
            (
                "paragraph",
                R(
                    "<p>Hébergeur : à compléter lors de la mise en production (nom, adresse et "
                    "téléphone de l'hébergeur).</p>",
                    "<p>Host: to be completed when the site goes into production (the host's name, "
                    "address and phone number).</p>",
                ),
            ),
            _heading("Propriété intellectuelle", "Intellectual property"),
            (
                "paragraph",
                R(
                    "<p>Les textes de ce site sont ceux de l'association. Vous pouvez les citer en "
                    "indiquant la source ; pour les reproduire en entier, demandez-nous d'abord. Les "
                    "documents des professionnel·le·s du réseau restent à leurs auteurs.</p>",
                    "<p>The texts of this site are the association's. You may quote them, giving the "
                    "source; to reproduce them in full, ask us first. The documents of the network's "
                    "professionals remain their authors'.</p>",
                ),
            ),
            _heading("Vos données personnelles", "Your personal data"),
            (
                "paragraph",
                R(
                    "<p>Ce que le site garde sur vous, combien de temps et comment exercer vos droits : "
                    "tout est expliqué dans notre page sur la protection des données.</p>",
                    "<p>What the site keeps about you, for how long and how to exercise your rights: "
                    "it is all explained on our data protection page.</p>",
                ),
            ),
            (
                "call_to_action",
                {
                    "title": T("Protection des données", "Data protection"),
                    "text": T(
                        "Ce que nous gardons, pourquoi, combien de temps, et vos droits.",
                        "What we keep, why, for how long, and your rights.",
                    ),
                    "page": PageRef("privacy"),
                    "button_label": T("Lire la page", "Read the page"),
                },
            ),
        ],
    },
)

PRIVACY = PageSpec(
    key="privacy",
    type="home.StandardPage",
    parent="home",
    title=T("Protection des données", "Data protection"),
    slug=T("protection-des-donnees", "data-protection"),
    search_description=T(
        "Ce que Parentescence garde sur les visiteurs et les familles, combien de temps, et vos droits.",
        "What Parentescence keeps about visitors and families, for how long, and your rights.",
    ),
    fields={
        "intro": T(
            "Nous gardons le moins possible de données, le moins longtemps possible. Voici "
            "lesquelles, pourquoi, et comment nous demander de les voir ou de les effacer.",
            "We keep as little data as possible, for as short a time as possible. Here is which, "
            "why, and how to ask us to see or erase it.",
        ),
        "body": [
            _heading("Qui est responsable", "Who is responsible"),
            (
                "paragraph",
                R(
                    "<p>L'association Parentescence (loi 1901, Toulouse) est responsable des données "
                    "gardées par ce site.</p>",
                    "<p>The Parentescence association (French law of 1901, Toulouse) is responsible "
                    "for the data this site keeps.</p>",
                ),
            ),
            _heading("Quand vous visitez le site", "When you visit the site"),
            (
                "paragraph",
                R(
                    "<ul><li><b>Aucun suivi</b> : pas de mesure d'audience, pas de publicité, pas de "
                    "bouton de réseau social qui vous suit.</li>"
                    "<li><b>Aucun service extérieur</b> : les polices de caractères et les scripts sont "
                    "sur notre serveur ; votre navigateur n'envoie votre adresse à personne d'autre.</li>"
                    "<li><b>Cookies</b> : seulement ceux dont le site a besoin pour fonctionner (la "
                    "session quand vous êtes connecté·e, la protection des formulaires, la langue "
                    "choisie). Aucun bandeau n'est donc nécessaire.</li></ul>",
                    "<ul><li><b>No tracking</b>: no audience measurement, no advertising, no social "
                    "network button that follows you.</li>"
                    "<li><b>No outside service</b>: fonts and scripts are on our own server; your "
                    "browser sends your address to nobody else.</li>"
                    "<li><b>Cookies</b>: only those the site needs to work (the session when you are "
                    "logged in, the forms' protection, the language you chose). So no banner is "
                    "needed.</li></ul>",
                ),
            ),
            _heading("Quand vous nous écrivez", "When you write to us"),
            (
                "paragraph",
                R(
                    "<p>Le formulaire « Nous contacter » garde votre nom, votre e-mail, votre téléphone "
                    "si vous le donnez, qui vous êtes (parent, professionnel·le…), votre message et sa "
                    "date. Seule l'équipe qui répond aux messages les lit. Nous ne gardons pas votre "
                    "adresse IP.</p>"
                    "<p>Un message traité est effacé automatiquement <b>12 mois</b> après avoir été "
                    "traité. Un message que personne n'a encore traité reste jusqu'à ce que l'équipe le "
                    "traite ou le supprime. Vous pouvez demander qu'il soit effacé tout de suite.</p>",
                    "<p>The \"Contact us\" form keeps your name, your e-mail, your phone number if you "
                    "give it, who you are (parent, professional…), your message and its date. Only the "
                    "team that answers messages reads them. We do not keep your IP address.</p>"
                    "<p>A handled message is erased automatically <b>12 months</b> after it was "
                    "handled. A message nobody has handled yet stays until the team handles or deletes "
                    "it. You may ask for it to be erased at once.</p>",
                ),
            ),
            _heading("Quand vous vous inscrivez ou vous connectez", "When you register or log in"),
            (
                "paragraph",
                R(
                    "<p>Les professionnel·le·s du réseau ont un compte : ce qu'ils et elles publient "
                    "sur leur fiche est public, le reste ne l'est pas. Quand un mot de passe est mal "
                    "saisi, le site garde le nom du compte, l'adresse de connexion et l'heure pendant "
                    "<b>15 minutes</b>, pour bloquer qui essaierait de deviner les mots de passe.</p>",
                    "<p>The network's professionals have an account: what they publish on their "
                    "profile is public, the rest is not. When a password is mistyped, the site keeps "
                    "the account name, the connection address and the time for <b>15 minutes</b>, to "
                    "block anyone trying to guess passwords.</p>",
                ),
            ),
            _heading("Les familles accompagnées", "Families we support"),
            (
                "paragraph",
                R(
                    "<p>Quand une institution partenaire (MDS, hébergement d'urgence, service de "
                    "néonatologie…) nous oriente une famille, avec son accord, nous gardons le minimum "
                    "pour l'accompagner : un nom, un moyen de contact, la langue, la raison de "
                    "l'orientation, les rendez-vous et les étapes du parcours, et les accords donnés "
                    "par la famille.</p>"
                    "<ul><li><b>Chiffré</b> : le nom, le téléphone, l'e-mail, l'adresse et les notes "
                    "sont chiffrés dans notre base de données.</li>"
                    "<li><b>Qui voit quoi</b> : seules la référente qui accompagne la famille et la "
                    "coordination ouvrent sa fiche, avec un code à usage unique en plus du mot de "
                    "passe ; chaque consultation est notée. La personne qui a orienté la famille ne voit "
                    "que l'avancement, et un bilan seulement si la famille est d'accord.</li>"
                    "<li><b>Aucun e-mail aux familles</b>, aucune donnée envoyée à un service extérieur.</li></ul>",
                    "<p>When a partner institution (social services, emergency housing, neonatology "
                    "unit…) refers a family to us, with its agreement, we keep the minimum needed to "
                    "support it: a name, a way to reach it, the language, the reason for the referral, "
                    "the appointments and the steps of the path, and the agreements the family gave.</p>"
                    "<ul><li><b>Encrypted</b>: the name, phone number, e-mail, address and notes are "
                    "encrypted in our database.</li>"
                    "<li><b>Who sees what</b>: only the referent supporting the family and the "
                    "coordination open its record, with a one-time code on top of the password; every "
                    "opening is recorded. The person who referred the family sees only the progress, "
                    "and a summary only if the family agrees.</li>"
                    "<li><b>No e-mail to families</b>, no data sent to any outside service.</li></ul>",
                ),
            ),
            _heading("Combien de temps", "For how long"),
            (
                "paragraph",
                R(
                    "<ul><li>Accompagnement terminé : la fiche de la famille est effacée <b>24 mois</b> "
                    "après la fin de l'accompagnement.</li>"
                    "<li>Famille qui n'a pas souhaité l'accompagnement ou n'a pas pu être jointe : "
                    "<b>6 mois</b> après la clôture (ou après l'orientation, si personne n'a pu la "
                    "contacter).</li>"
                    "<li>Journal des consultations des fiches : <b>24 mois</b>.</li>"
                    "<li>Messages du formulaire de contact : <b>12 mois</b> après avoir été traités.</li>"
                    "<li>Tentatives de connexion échouées : <b>15 minutes</b>.</li>"
                    "<li>E-mail qui n'a pas pu partir : <b>30 jours</b>.</li></ul>"
                    "<p>Une fois la fiche d'une famille effacée, il ne reste qu'une ligne anonyme (le "
                    "mois, l'institution, la raison, l'issue) pour nos statistiques.</p>",
                    "<ul><li>Support completed: the family's record is erased <b>24 months</b> after "
                    "the support ended.</li>"
                    "<li>A family that did not want support or could not be reached: <b>6 months</b> "
                    "after closing (or after the referral, if nobody could reach it).</li>"
                    "<li>Log of who opened a record: <b>24 months</b>.</li>"
                    "<li>Contact form messages: <b>12 months</b> after they were handled.</li>"
                    "<li>Failed log-in attempts: <b>15 minutes</b>.</li>"
                    "<li>An e-mail that could not be sent: <b>30 days</b>.</li></ul>"
                    "<p>Once a family's record is erased, only an anonymous line remains (the month, "
                    "the institution, the reason, the outcome) for our statistics.</p>",
                ),
            ),
            _heading("Vos droits", "Your rights"),
            (
                "paragraph",
                R(
                    "<p>Vous pouvez nous demander de <b>voir</b> les données que nous avons sur vous, "
                    "de les <b>corriger</b>, de les <b>effacer</b>, ou vous <b>opposer</b> à ce que nous "
                    "les utilisions. Une famille accompagnée peut aussi retirer son accord à tout moment.</p>"
                    "<p>Pour cela, écrivez à l'association (page « Nous contacter ») ou parlez-en à votre "
                    "référente. Nous répondons dans un délai d'un mois.</p>"
                    "<p>Si la réponse ne vous convient pas, vous pouvez porter plainte auprès de la "
                    "<a href=\"https://www.cnil.fr/fr/plaintes\">CNIL</a>.</p>",
                    "<p>You may ask us to <b>see</b> the data we have about you, to <b>correct</b> it, "
                    "to <b>erase</b> it, or <b>object</b> to our using it. A supported family may also "
                    "withdraw its agreement at any time.</p>"
                    "<p>To do so, write to the association (\"Contact us\" page) or tell your referent. "
                    "We answer within one month.</p>"
                    "<p>If the answer does not satisfy you, you may lodge a complaint with the "
                    "<a href=\"https://www.cnil.fr/fr/plaintes\">CNIL</a> (the French data protection "
                    "authority).</p>",
                ),
            ),
            (
                "call_to_action",
                {
                    "title": T("Exercer vos droits", "Exercise your rights"),
                    "text": T(
                        "Écrivez-nous : dites simplement ce que vous souhaitez voir, corriger ou effacer.",
                        "Write to us: just say what you would like to see, correct or erase.",
                    ),
                    "page": PageRef("contact"),
                    "button_label": T("Nous écrire", "Write to us"),
                },
            ),
        ],
    },
)

ACCESSIBILITY = PageSpec(
    key="accessibility",
    type="home.StandardPage",
    parent="home",
    title=T("Accessibilité", "Accessibility"),
    slug=T("accessibilite", "accessibility"),
    search_description=T(
        "Déclaration d'accessibilité du site de Parentescence : niveau de conformité et comment "
        "nous signaler une difficulté.",
        "Parentescence's accessibility statement: conformity level and how to tell us about a difficulty.",
    ),
    fields={
        "intro": T(
            "Nous voulons que chaque parent puisse utiliser ce site, quel que soit son handicap ou "
            "son appareil. Voici où nous en sommes.",
            "We want every parent to be able to use this site, whatever their disability or device. "
            "Here is where we stand.",
        ),
        "body": [
            _heading("État de conformité", "Conformity status"),
            (
                "paragraph",
                R(
                    "<p>Le site de Parentescence est <b>partiellement conforme</b> avec le référentiel "
                    "général d'amélioration de l'accessibilité (RGAA), version 4.1.</p>"
                    "<p>Audit non réalisé à ce jour. Chaque version du site est vérifiée par des "
                    "outils automatiques (axe et le validateur HTML Nu) ; ces outils ne trouvent "
                    "qu'une partie des difficultés, c'est pourquoi nous ne déclarons pas le site "
                    "totalement conforme.</p>",
                    "<p>Parentescence's site is <b>partially compliant</b> with the French accessibility "
                    "standard (RGAA), version 4.1.</p>"
                    "<p>No audit has been carried out so far. Every version of the site is checked by "
                    "automated tools (axe and the Nu HTML checker); these tools find only part of the "
                    "difficulties, which is why we do not state that the site is fully compliant.</p>",
                ),
            ),
            _heading("Ce que nous faisons", "What we do"),
            (
                "paragraph",
                R(
                    "<ul><li>Le site fonctionne sans JavaScript, au clavier et sur un téléphone.</li>"
                    "<li>Les textes sont contrastés, les liens et boutons assez grands pour le doigt.</li>"
                    "<li>Les images ont un texte de remplacement.</li></ul>",
                    "<ul><li>The site works without JavaScript, with a keyboard and on a phone.</li>"
                    "<li>Texts are contrasted, links and buttons are large enough for a finger.</li>"
                    "<li>Images have alternative text.</li></ul>",
                ),
            ),
            _heading("Signaler une difficulté", "Report a difficulty"),
            (
                "paragraph",
                R(
                    "<p>Si vous n'arrivez pas à lire une page, à remplir un formulaire ou à trouver une "
                    "information, écrivez-nous en disant quelle page et ce qui vous a gêné·e : nous "
                    "vous donnerons l'information sous une autre forme et corrigerons le site.</p>",
                    "<p>If you cannot read a page, fill in a form or find a piece of information, write "
                    "to us saying which page and what got in your way: we will give you the "
                    "information in another form and fix the site.</p>",
                ),
            ),
            (
                "call_to_action",
                {
                    "title": T("Nous signaler une difficulté", "Tell us about a difficulty"),
                    "text": T(
                        "Le formulaire de contact nous parvient directement.",
                        "The contact form reaches us directly.",
                    ),
                    "page": PageRef("contact"),
                    "button_label": T("Nous écrire", "Write to us"),
                },
            ),
            _heading("Voies de recours", "If you get no answer"),
            (
                "paragraph",
                R(
                    "<p>Si vous nous avez signalé une difficulté et n'avez pas obtenu de réponse "
                    "satisfaisante, vous pouvez saisir le Défenseur des droits :</p>"
                    "<ul><li>par le <a href=\"https://formulaire.defenseurdesdroits.fr/\">formulaire en "
                    "ligne</a> ;</li>"
                    "<li>auprès d'un·e délégué·e dans votre région ;</li>"
                    "<li>par courrier gratuit, sans timbre : Défenseur des droits, Libre réponse 71120, "
                    "75342 Paris CEDEX 07.</li></ul>",
                    "<p>If you reported a difficulty to us and did not get a satisfactory answer, you "
                    "may contact the Défenseur des droits (the French rights ombudsman):</p>"
                    "<ul><li>through the <a href=\"https://formulaire.defenseurdesdroits.fr/\">online "
                    "form</a>;</li>"
                    "<li>through a delegate in your region;</li>"
                    "<li>by free post, no stamp needed: Défenseur des droits, Libre réponse 71120, "
                    "75342 Paris CEDEX 07.</li></ul>",
                ),
            ),
        ],
    },
)

LEGAL_PAGES = [LEGAL_NOTICE, PRIVACY, ACCESSIBILITY]
