# The legal follow-up moves out of the dossier app with its tables: only Django's picture
# of the models changes here; dossieroverleg 0009 lets go of them and moves their content
# types.

import django.core.validators
import django.db.models.deletion
import django.utils.timezone
import django_fsm
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('dossieroverleg', '0008_termijnen_eigen_app'),
        ('termijnen', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    state_operations = [
            migrations.CreateModel(
                name='JuridischTraject',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('maatregel', models.CharField(choices=[('waarschuwing', 'waarschuwing'), ('aanwijzing', 'aanwijzing / verbetertraject'), ('opschorting_betaling', 'opschorting betaling'), ('terugvordering', 'terugvordering'), ('ingebrekestelling', 'ingebrekestelling'), ('ontbinding', 'ontbinding overeenkomst'), ('last_onder_dwangsom', 'last onder dwangsom'), ('aangifte', 'aangifte'), ('geen_maatregel', 'geen maatregel')], max_length=25, verbose_name='maatregel')),
                    ('spoor', models.CharField(choices=[('bestuursrecht', 'bestuursrecht (Awb)'), ('privaatrecht', 'privaatrecht (overeenkomst)')], max_length=15, verbose_name='spoor')),
                    ('fase', django_fsm.FSMField(choices=[('voornemen', 'voornemen, zienswijze'), ('besluit', 'besluit, bezwaartermijn loopt'), ('bezwaar', 'bezwaar in behandeling'), ('beslist_op_bezwaar', 'beslist op bezwaar, beroepstermijn loopt'), ('beroep', 'beroep'), ('hoger_beroep', 'hoger beroep'), ('ingebrekestelling', 'ingebrekestelling'), ('ontbinding', 'overeenkomst ontbonden'), ('terugvordering', 'terugvordering'), ('invordering', 'invordering'), ('afgerond', 'afgerond')], default='voornemen', max_length=50, protected=True, verbose_name='fase')),
                    ('met_adviescommissie', models.BooleanField(default=False, verbose_name='bezwaar via een adviescommissie')),
                    ('geopend_op', models.DateTimeField(default=django.utils.timezone.now, verbose_name='geopend op')),
                    ('afgerond_op', models.DateTimeField(blank=True, null=True, verbose_name='afgerond op')),
                    ('uitkomst', models.CharField(blank=True, max_length=25, verbose_name='uitkomst')),
                    ('besluit', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='trajecten', to='dossieroverleg.besluit')),
                    ('dossier', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='trajecten', to='dossieroverleg.dossier')),
                    ('eigenaar', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='trajecten', to=settings.AUTH_USER_MODEL, verbose_name='eigenaar')),
                ],
                options={
                    'verbose_name': 'juridisch traject',
                    'verbose_name_plural': 'juridische trajecten',
                    'db_table': 'dossieroverleg_juridischtraject',
                    'ordering': ['geopend_op', 'id'],
                    'permissions': [('voeren_traject', 'Mag juridische trajecten voeren en termijnen bijhouden'), ('beslissen_op_bezwaar', 'Mag beslissen op bezwaar')],
                },
            ),
            migrations.CreateModel(
                name='TrajectStap',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('soort', models.CharField(choices=[('voornemen', 'voornemen verzonden'), ('besluit', 'besluit bekendgemaakt'), ('bezwaar', 'bezwaarschrift ontvangen'), ('beslissing_op_bezwaar', 'beslissing op bezwaar'), ('beroep', 'beroep ingesteld'), ('hoger_beroep', 'hoger beroep ingesteld'), ('uitspraak', 'uitspraak'), ('voorlopige_voorziening', 'voorlopige voorziening gevraagd'), ('ingebrekestelling', 'ingebrekestelling verzonden'), ('ontbinding', 'overeenkomst ontbonden'), ('terugvordering', 'terugvordering verzonden'), ('invordering', 'invordering gestart'), ('afronding', 'traject afgerond')], max_length=25, verbose_name='stap')),
                    ('datum', models.DateField(verbose_name='datum')),
                    ('uitkomst', models.CharField(blank=True, choices=[('gegrond', 'gegrond'), ('deels_gegrond', 'deels gegrond'), ('ongegrond', 'ongegrond (besluit blijft in stand)'), ('niet_ontvankelijk', 'niet-ontvankelijk'), ('ingetrokken', 'ingetrokken'), ('geschikt', 'geschikt (minnelijke oplossing)'), ('toegewezen', 'toegewezen'), ('afgewezen', 'afgewezen'), ('onherroepelijk', 'onherroepelijk (geen bezwaar of beroep)'), ('nagekomen', 'nagekomen door de zorgaanbieder'), ('betaald', 'betaald')], max_length=25, verbose_name='uitkomst')),
                    ('toelichting', models.TextField(blank=True, validators=[django.core.validators.MaxLengthValidator(10000)], verbose_name='toelichting')),
                    ('vastgelegd_op', models.DateTimeField(default=django.utils.timezone.now)),
                    ('termijn', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='stap', to='termijnen.termijn')),
                    ('traject', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='stappen', to='juridisch.juridischtraject')),
                    ('vastgelegd_door', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ],
                options={
                    'verbose_name': 'stap',
                    'verbose_name_plural': 'stappen',
                    'db_table': 'dossieroverleg_trajectstap',
                    'ordering': ['datum', 'id'],
                },
            ),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=state_operations, database_operations=[]),
    ]
