import datetime

import factory

from regio.models import (
    Contactpersoon,
    Contract,
    Domein,
    Gemeente,
    Samenwerkingsverband,
    Vestiging,
    Zorgaanbieder,
)


class ZorgaanbiederFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Zorgaanbieder

    naam = factory.Sequence(lambda n: f"Zorgaanbieder {n}")
    kvk_nummer = factory.Sequence(lambda n: f"{10000000 + n}")


class VestigingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vestiging

    zorgaanbieder = factory.SubFactory(ZorgaanbiederFactory)
    naam = factory.Sequence(lambda n: f"Locatie {n}")
    gemeente = factory.LazyFunction(lambda: Gemeente.objects.get(code="GM0268"))


class ContractFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contract
        skip_postgeneration_save = True

    referentie = factory.Sequence(lambda n: f"ROB-WMO-{n:04d}")
    domein = Domein.WMO
    zorgaanbieder = factory.SubFactory(ZorgaanbiederFactory)
    # A regional contract of the arrangement of its domain, as the register holds them;
    # ``samenwerkingsverband=None`` makes a local contract.
    samenwerkingsverband = factory.LazyAttribute(
        lambda o: Samenwerkingsverband.objects.filter(
            code="bwmo-nr" if o.domein == Domein.BW_MO else "rob-rvn"
        ).first()
    )
    ingangsdatum = datetime.date(2024, 1, 1)

    @factory.post_generation
    def partijen(self, create, extracted, **kwargs):
        if create and extracted:
            self.gemeenten.set(Gemeente.objects.filter(code__in=extracted))


class ContactpersoonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contactpersoon

    naam = factory.Sequence(lambda n: f"Contact {n}")
    email = factory.Sequence(lambda n: f"contact{n}@gemeente.example.org")
    domeinen = factory.LazyFunction(lambda: [Domein.WMO, Domein.JEUGD])
