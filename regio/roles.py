"""The roles of DESIGN.md section 1 as Django groups, with their model permissions.

This is the one place that says which role may do what on which model. Permissions are
named as ``app_label.codename``; a permission whose app is not migrated yet is skipped
and picked up by the next sync (every migrate ends with one, see ``apps.py``).
"""

from django.utils.translation import gettext_lazy as _

REGIO_MODELS = (
    "gemeente",
    "samenwerkingsverband",
    "deelname",
    "zorgaanbieder",
    "vestiging",
    "contract",
    "contactpersoon",
    "mandaat",
    "publieketekst",
)


def _crud(app: str, models: tuple[str, ...]) -> list[str]:
    return [
        f"{app}.{action}_{model}"
        for model in models
        for action in ("add", "change", "delete", "view")
    ]


def _view(app: str, models: tuple[str, ...]) -> list[str]:
    return [f"{app}.view_{model}" for model in models]


class Rol:
    MELDPUNT = "meldpunt"
    HANDHAVER = "handhaver"
    JURIST = "jurist"
    TEAMLEIDER = "teamleider"
    OVERLEG = "overleg"
    GEMEENTE = "gemeente"
    PRIVACY = "privacy"
    BEHEER = "beheer"
    KOPPELING = "koppeling"


STAFF_READ = _view("regio", REGIO_MODELS) + ["notifications.view_notificatie"]

MELDPUNT_MODELS = (
    "melding",
    "statuswijziging",
    "client",
    "weging",
    "doorgeleiding",
    "bijlage",
    "reactieverzoek",
)
MELDING_READ = ["meldpunt.view_melding"]
DOSSIER_READ = [
    "dossieroverleg.view_dossier",
    "dossieroverleg.view_overleg",
    "dossieroverleg.view_document",
    "dossieroverleg.view_advies",
]
HANDHAVER = DOSSIER_READ + [
    "dossieroverleg.behandelen_dossier",
    "dossieroverleg.change_dossier",
    "dossieroverleg.add_onderzoeksactiviteit",
    "dossieroverleg.view_onderzoeksactiviteit",
    "dossieroverleg.add_document",
    "dossieroverleg.view_document",
    "dossieroverleg.add_advies",
    "dossieroverleg.view_advies",
    "dossieroverleg.add_inzet",
    "juridisch.voeren_traject",
    "termijnen.view_termijn",
    # Bibob investigations: recorded on the provider's page (seed 000 art. 7.4).
    "regio.add_bibobonderzoek",
    "regio.change_bibobonderzoek",
    "regio.view_bibobonderzoek",
]
OVERLEG = (
    DOSSIER_READ
    + ["dossieroverleg.agenderen_dossier"]
    + _crud("dossieroverleg", ("overleg", "deelnemer", "agendapunt"))
)
PERSONAL = ["meldpunt.persoonsgegevens_melding"]
# The outbox: staff see which mails went where about their cases (the dossier page lists
# them); beheer also fixes wording, missing contacts and failed mails.
NOTIFICATIONS_MODELS = ("notificatie", "ontbrekendcontact", "sjabloon")
NOTIFICATIONS_READ = ["notifications.view_notificatie"]
NOTIFICATIONS_BEHEER = _crud("notifications", NOTIFICATIONS_MODELS) + [
    "notifications.opnieuw_verzenden_notificatie"
]

# role -> (description shown on the landing page, permissions)
ROLES: dict[str, tuple[str, list[str]]] = {
    Rol.MELDPUNT: (
        _("Meldingen ontvangen, registreren, wegen en doorgeleiden."),
        STAFF_READ
        + ["regio.add_zorgaanbieder", "regio.add_vestiging"]
        + _crud("meldpunt", MELDPUNT_MODELS)
        + ["meldpunt.registreren_melding", "meldpunt.wegen_melding"]
        + PERSONAL
        + ["dossieroverleg.view_dossier"],
    ),
    Rol.HANDHAVER: (
        _(
            "Dossiers onderzoeken, voorbereiden voor het dossieroverleg, adviezen opstellen, "
            "juridische opvolging en nazorg."
        ),
        STAFF_READ + MELDING_READ + PERSONAL + HANDHAVER,
    ),
    Rol.JURIST: (
        _("Juridische trajecten voeren en beslissen op bezwaar."),
        STAFF_READ
        + MELDING_READ
        + DOSSIER_READ
        + [
            "dossieroverleg.besluit_vastleggen",
            "juridisch.voeren_traject",
            "juridisch.beslissen_op_bezwaar",
            "termijnen.view_termijn",
        ],
    ),
    Rol.TEAMLEIDER: (
        _("Werk verdelen, adviezen goedkeuren (vier ogen) en termijnen bewaken."),
        STAFF_READ
        + MELDING_READ
        + PERSONAL
        + ["meldpunt.wegen_melding"]
        + HANDHAVER
        + ["dossieroverleg.goedkeuren_advies", "dossieroverleg.besluit_vastleggen"]
        + ["juridisch.beslissen_op_bezwaar"]
        + ["dossieroverleg.view_inzet"],
    ),
    Rol.OVERLEG: (
        _("Het Dossieroverleg Regionale Handhaving plannen, agenderen en conclusies vastleggen."),
        STAFF_READ + MELDING_READ + OVERLEG,
    ),
    Rol.GEMEENTE: (
        _(
            "De dossiers zien waarbij uw gemeente betrokken is en verzoeken beantwoorden "
            "(bestuurlijk standpunt, alternatieve zorg geregeld)."
        ),
        ["regio.view_gemeente", "regio.view_zorgaanbieder"],
    ),
    Rol.PRIVACY: (
        _("Het auditlog inzien, verzoeken van betrokkenen afhandelen, bewaren en vernietigen."),
        STAFF_READ
        + MELDING_READ
        + PERSONAL
        + DOSSIER_READ
        + [
            "privacy.view_auditregel",
            "privacy.add_betrokkeneverzoek",
            "privacy.view_betrokkeneverzoek",
            "privacy.add_datalek",
            "privacy.view_datalek",
            "privacy.add_vernietigingslijst",
            "privacy.view_vernietigingslijst",
            "privacy.change_vernietigingslijst",
            "privacy.uittreding_vernietigingslijst",
            "privacy.add_overbrenging",
            "privacy.view_overbrenging",
        ],
    ),
    Rol.KOPPELING: (
        _(
            "Een ander systeem (bijvoorbeeld een gemeentelijk formulier) levert meldingen aan via "
            "de API en leest de status ervan."
        ),
        ["meldpunt.add_melding", "meldpunt.view_melding"],
    ),
    Rol.BEHEER: (
        _(
            "Referentiedata beheren: gemeenten, samenwerkingsverbanden, contracten, "
            "zorgaanbieders, contactpersonen en ontvangers van doorgeleide meldingen; "
            "e-mailsjablonen, ontbrekende contacten en mislukte e-mails; briefsjablonen "
            "(Word) uploaden als nieuwe versie."
        ),
        _crud("regio", REGIO_MODELS)
        + _crud("dossieroverleg", ("resultaattype",))
        + NOTIFICATIONS_BEHEER
        + [
            "auth.view_user",
            "auth.add_user",
            "auth.change_user",
            "regio.view_gebruiker",
            "regio.add_gebruiker",
            "regio.change_gebruiker",
            # Who received which report (half-year report, casework overview), read-only.
            "rapportage.view_verzending",
            # Letter templates: a new version by upload; none is deleted (letters use them).
            "brieven.add_briefsjabloon",
            "brieven.change_briefsjabloon",
            "brieven.view_briefsjabloon",
            # Recipients of forwarded reports; none is deleted (forwardings refer to them).
            "meldpunt.add_ontvanger",
            "meldpunt.change_ontvanger",
            "meldpunt.view_ontvanger",
        ],
    ),
}

STAFF_ROLES = tuple(role for role in ROLES if role not in (Rol.GEMEENTE, Rol.KOPPELING))


def group_names(user) -> frozenset[str]:
    """The user's roles, read once per user object (i.e. once per request), with the
    permissions (``regio.backends``)."""
    if not (user and user.is_authenticated):
        return frozenset()
    if getattr(user, "_role_names", None) is None:
        from .backends import load

        load(user)  # with the permissions, in one query
    return user._role_names


def has_role(user, role: str) -> bool:
    return role in group_names(user)


def has_staff_role(user) -> bool:
    """A person working for the region (not a municipality contact, not a system)."""
    return bool(group_names(user) & set(STAFF_ROLES))


def sync_roles(apps=None, verbosity: int = 0) -> None:
    """Create the groups and give them the permissions listed above (idempotent).

    Permissions a `beheer` user added by hand are left alone; nothing is removed.

    Works with the historical app registry of a migration (``apps``) and with the real one.
    """
    if apps is None:
        from django.apps import apps as global_apps

        apps = global_apps
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, (_description, perms) in ROLES.items():
        group, _created = Group.objects.get_or_create(name=role)
        wanted = []
        for perm in perms:
            app_label, codename = perm.split(".", 1)
            found = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if found is not None:
                wanted.append(found)
        current = set(group.permissions.all())
        missing = [p for p in wanted if p not in current]
        if missing:
            group.permissions.add(*missing)
