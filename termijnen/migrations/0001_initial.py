# The terms move out of the dossier app with their tables: only Django's picture of the
# models changes here; dossieroverleg 0008 lets go of them and moves their content types.

import django.core.validators
import django.db.models.deletion
import django.utils.timezone
import django_fsm
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('dossieroverleg', '0007_onderzoek_afgerond'),
        ('regio', '0003_nummerreeks'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    state_operations = [
        migrations.CreateModel(
            name='Termijn',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('soort', models.CharField(choices=[('zienswijze', 'zienswijze op het voornemen'), ('bezwaartermijn', 'bezwaartermijn'), ('beslistermijn_bezwaar', 'beslissen op bezwaar'), ('beroepstermijn', 'beroepstermijn'), ('procestermijn', 'termijn van de rechter'), ('ingebrekestelling', 'termijn ingebrekestelling'), ('betaling', 'betalingstermijn terugvordering'), ('nazorg', 'alternatieve zorg regelen'), ('herinspectie', 'herinspectie verbeterplan'), ('meerwerk', 'bestuurlijk standpunt meerwerk')], max_length=25, verbose_name='soort')),
                ('omschrijving', models.CharField(max_length=200, verbose_name='omschrijving')),
                ('start', models.DateField(verbose_name='start (de termijn loopt vanaf de dag erna)')),
                ('dagen', models.PositiveSmallIntegerField(default=0, verbose_name='dagen')),
                ('weken', models.PositiveSmallIntegerField(default=0, verbose_name='weken')),
                ('verlenging_weken', models.PositiveSmallIntegerField(default=0, verbose_name='verdaagd met (weken)')),
                ('verlenging_reden', models.TextField(blank=True, verbose_name='reden verdaging')),
                ('opgeschort_dagen', models.PositiveIntegerField(default=0, verbose_name='opgeschorte dagen')),
                ('uiterlijk_kalender', models.DateField(verbose_name='einde volgens de kalender')),
                ('uiterlijk', models.DateField(db_index=True, verbose_name='uiterlijk')),
                ('verschoven_wegens', models.CharField(blank=True, max_length=40, verbose_name='verschoven wegens')),
                ('status', django_fsm.FSMField(choices=[('lopend', 'lopend'), ('opgeschort', 'opgeschort'), ('afgerond', 'afgerond')], default='lopend', max_length=50, protected=True, verbose_name='status')),
                ('afgerond_op', models.DateTimeField(blank=True, null=True, verbose_name='afgerond op')),
                ('herinnerd_voor', models.DateField(blank=True, editable=False, null=True)),
                ('geescaleerd_voor', models.DateField(blank=True, editable=False, null=True)),
                ('dossier', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='termijnen', to='dossieroverleg.dossier')),
                ('eigenaar', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='termijnen', to=settings.AUTH_USER_MODEL, verbose_name='eigenaar')),
                ('gemeente', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='termijnen', to='regio.gemeente', verbose_name='gemeente die moet handelen')),
            ],
            options={
                'verbose_name': 'termijn',
                'verbose_name_plural': 'termijnen',
                'db_table': 'dossieroverleg_termijn',
                'ordering': ['uiterlijk', 'id'],
                'indexes': [models.Index(fields=['status', 'uiterlijk'], name='dossierover_status_8539cd_idx')],
            },
        ),
        migrations.CreateModel(
            name='Opschorting',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('van', models.DateField(verbose_name='opgeschort vanaf')),
                ('tot', models.DateField(blank=True, null=True, verbose_name='hervat op')),
                ('reden', models.TextField(validators=[django.core.validators.MaxLengthValidator(2000)], verbose_name='reden opschorting')),
                ('reden_hervatting', models.TextField(blank=True, verbose_name='reden hervatting')),
                ('door', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('termijn', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='opschortingen', to='termijnen.termijn')),
            ],
            options={
                'verbose_name': 'opschorting',
                'verbose_name_plural': 'opschortingen',
                'db_table': 'dossieroverleg_opschorting',
                'ordering': ['van', 'id'],
            },
        ),
        migrations.CreateModel(
            name='TermijnWijziging',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('op', models.DateTimeField(default=django.utils.timezone.now, verbose_name='op')),
                ('soort', models.CharField(choices=[('gestart', 'gestart'), ('opgeschort', 'opgeschort'), ('hervat', 'hervat'), ('verdaagd', 'verdaagd'), ('afgerond', 'afgerond'), ('herinnerd', 'herinnering verstuurd'), ('geescaleerd', 'verlopen, teamleider ingelicht')], max_length=15, verbose_name='soort')),
                ('uiterlijk_oud', models.DateField(blank=True, null=True, verbose_name='uiterlijk was')),
                ('uiterlijk_nieuw', models.DateField(blank=True, null=True, verbose_name='uiterlijk wordt')),
                ('toelichting', models.TextField(blank=True, verbose_name='toelichting')),
                ('door', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('termijn', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='historie', to='termijnen.termijn')),
            ],
            options={
                'verbose_name': 'wijziging termijn',
                'verbose_name_plural': 'wijzigingen termijnen',
                'db_table': 'dossieroverleg_termijnwijziging',
                'ordering': ['op', 'id'],
            },
        ),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=state_operations, database_operations=[]),
    ]
