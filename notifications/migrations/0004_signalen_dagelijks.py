from django.db import migrations, models


class Migration(migrations.Migration):
    """The daily mail with a staff member's signals (the signalen app) goes through the
    outbox as event ``signalen.dagelijks``."""

    dependencies = [
        ("notifications", "0003_verzenden"),
    ]

    operations = [
        migrations.AlterField(
            model_name="notificatie",
            name="event",
            field=models.CharField(choices=[('melding.binnengekomen', 'melding binnengekomen (start werkstroom)'), ('melding.ontvangen', 'melding ontvangen (bevestiging aan melder)'), ('melding.geregistreerd', 'melding geregistreerd'), ('melding.gewogen', 'melding gewogen'), ('melding.doorgeleid', 'melding doorgeleid'), ('melding.geen_vervolg', 'melding zonder vervolg'), ('melding.naar_handhaving', 'melding naar handhaving'), ('melding.acuut', 'acute melding'), ('melding.reactie_gevraagd', 'reactie gevraagd aan melder'), ('melding.reactie_ontvangen', 'reactie van melder ontvangen'), ('dossier.geopend', 'dossier geopend'), ('dossier.in_onderzoek', 'dossier in onderzoek'), ('dossier.geagendeerd', 'dossier geagendeerd'), ('dossier.besproken', 'dossier besproken (conclusie)'), ('dossier.advies', 'advies aan het college'), ('dossier.besluit', 'besluit genomen'), ('dossier.juridische_stap', 'juridische stap'), ('dossier.nazorg_gevraagd', 'nazorg gevraagd'), ('dossier.gesloten', 'dossier gesloten'), ('dossier.betrokkenheid', 'betrokken gemeenten gewijzigd'), ('dossier.meerwerk', 'bestuurlijk standpunt meerwerk gevraagd'), ('zorgaanbieder.bibob', 'Bibob-onderzoek gestart'), ('datalek', 'datalek'), ('termijn.herinnering', 'herinnering termijn'), ('termijn.verlopen', 'termijn verlopen'), ('overzicht.wekelijks', 'wekelijks overzicht'), ('signalen.dagelijks', 'dagelijkse e-mail met signalen')], max_length=40, verbose_name="gebeurtenis"),
        ),
        migrations.AlterField(
            model_name="ontbrekendcontact",
            name="event",
            field=models.CharField(choices=[('melding.binnengekomen', 'melding binnengekomen (start werkstroom)'), ('melding.ontvangen', 'melding ontvangen (bevestiging aan melder)'), ('melding.geregistreerd', 'melding geregistreerd'), ('melding.gewogen', 'melding gewogen'), ('melding.doorgeleid', 'melding doorgeleid'), ('melding.geen_vervolg', 'melding zonder vervolg'), ('melding.naar_handhaving', 'melding naar handhaving'), ('melding.acuut', 'acute melding'), ('melding.reactie_gevraagd', 'reactie gevraagd aan melder'), ('melding.reactie_ontvangen', 'reactie van melder ontvangen'), ('dossier.geopend', 'dossier geopend'), ('dossier.in_onderzoek', 'dossier in onderzoek'), ('dossier.geagendeerd', 'dossier geagendeerd'), ('dossier.besproken', 'dossier besproken (conclusie)'), ('dossier.advies', 'advies aan het college'), ('dossier.besluit', 'besluit genomen'), ('dossier.juridische_stap', 'juridische stap'), ('dossier.nazorg_gevraagd', 'nazorg gevraagd'), ('dossier.gesloten', 'dossier gesloten'), ('dossier.betrokkenheid', 'betrokken gemeenten gewijzigd'), ('dossier.meerwerk', 'bestuurlijk standpunt meerwerk gevraagd'), ('zorgaanbieder.bibob', 'Bibob-onderzoek gestart'), ('datalek', 'datalek'), ('termijn.herinnering', 'herinnering termijn'), ('termijn.verlopen', 'termijn verlopen'), ('overzicht.wekelijks', 'wekelijks overzicht'), ('signalen.dagelijks', 'dagelijkse e-mail met signalen')], max_length=40, verbose_name="gebeurtenis"),
        ),
        migrations.AlterField(
            model_name="sjabloon",
            name="event",
            field=models.CharField(choices=[('melding.binnengekomen', 'melding binnengekomen (start werkstroom)'), ('melding.ontvangen', 'melding ontvangen (bevestiging aan melder)'), ('melding.geregistreerd', 'melding geregistreerd'), ('melding.gewogen', 'melding gewogen'), ('melding.doorgeleid', 'melding doorgeleid'), ('melding.geen_vervolg', 'melding zonder vervolg'), ('melding.naar_handhaving', 'melding naar handhaving'), ('melding.acuut', 'acute melding'), ('melding.reactie_gevraagd', 'reactie gevraagd aan melder'), ('melding.reactie_ontvangen', 'reactie van melder ontvangen'), ('dossier.geopend', 'dossier geopend'), ('dossier.in_onderzoek', 'dossier in onderzoek'), ('dossier.geagendeerd', 'dossier geagendeerd'), ('dossier.besproken', 'dossier besproken (conclusie)'), ('dossier.advies', 'advies aan het college'), ('dossier.besluit', 'besluit genomen'), ('dossier.juridische_stap', 'juridische stap'), ('dossier.nazorg_gevraagd', 'nazorg gevraagd'), ('dossier.gesloten', 'dossier gesloten'), ('dossier.betrokkenheid', 'betrokken gemeenten gewijzigd'), ('dossier.meerwerk', 'bestuurlijk standpunt meerwerk gevraagd'), ('zorgaanbieder.bibob', 'Bibob-onderzoek gestart'), ('datalek', 'datalek'), ('termijn.herinnering', 'herinnering termijn'), ('termijn.verlopen', 'termijn verlopen'), ('overzicht.wekelijks', 'wekelijks overzicht'), ('signalen.dagelijks', 'dagelijkse e-mail met signalen')], max_length=40, unique=True, verbose_name="gebeurtenis"),
        ),
    ]
