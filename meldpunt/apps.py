from django.apps import AppConfig


class MeldpuntConfig(AppConfig):
    name = "meldpunt"
    verbose_name = "Meldpunt"

    def ready(self) -> None:
        from anymail.signals import inbound

        from .inbound import on_inbound

        inbound.connect(on_inbound, dispatch_uid="meldpunt.inbound")
