"""Flows start and wake on domain events; the domain apps do not import the flows."""

from regio.events import Event


def on_domain_event(sender, *, event: str, instance, **kwargs) -> None:
    if event == Event.MELDING_BINNENGEKOMEN:
        from .flows import start_melding_flow

        start_melding_flow(instance)
