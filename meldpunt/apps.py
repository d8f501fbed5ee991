from django.apps import AppConfig


class MeldpuntConfig(AppConfig):
    name = "meldpunt"
    verbose_name = "Meldpunt"

    def ready(self) -> None:
        from anymail.signals import inbound

        from regio.events import listen

        from . import melder
        from .inbound import on_inbound

        inbound.connect(on_inbound, dispatch_uid="meldpunt.inbound")
        listen(melder.on_domain_event, dispatch_uid="meldpunt.melder")
