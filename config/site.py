"""The staff UI shell: viewflow's Material frontend, one Application per area of work.

The Django admin stays under /beheer/ for functional administration.
"""

from django.utils.translation import gettext_lazy as _
from viewflow.urls import Site
from viewflow.workflow.flow import FlowAppViewset

from brieven.views import urlpatterns as brieven_urls
from dossieroverleg.views.handhaving import HandhavingApplication
from dossieroverleg.views.portaal import PortaalApplication
from juridisch.views import urlpatterns as juridisch_urls
from meldpunt.views import MeldpuntApplication
from privacy.views import PrivacyApplication
from rapportage.views import RapportageApplication
from regio.views import RegioApplication, StartApplication
from signalen.views import SignalenApplication
from workflows.flows import BezwaarFlow, HandhavingFlow, MeldingFlow
from workflows.nodes import offered
from workflows.views import (
    CappedCount,
    InboxListView,
    NeedToKnowViews,
    ProcessListView,
    QueueListView,
    counted_menu,
)


class WorkQueue(NeedToKnowViews, FlowAppViewset):
    process_list_view_class = ProcessListView
    queue_view_class = QueueListView
    inbox_view_class = InboxListView

    def get_context_data(self, request):
        # The menu's counts: the same tasks as the lists (not those a node refuses).
        context = super().get_context_data(request)
        for key in ("user_inbox", "user_queue"):
            context[key] = CappedCount(offered(context[key], request.user, [self._flow_class]))
        # On the queue (or inbox) itself, unfiltered, its count is the one the page made.
        return {**context, **counted_menu(request)}


site = Site(
    title=_("Handhaving Wmo en Jeugd"),
    primary_color="#154273",
    secondary_color="#01689b",
    viewsets=[
        StartApplication(),
        SignalenApplication(),
        MeldpuntApplication(),
        WorkQueue(
            MeldingFlow, icon="inbox", title=_("Werkvoorraad meldingen"), app_name="werk-meldingen"
        ),
        HandhavingApplication(urlpatterns=juridisch_urls + brieven_urls),
        PortaalApplication(),
        WorkQueue(
            HandhavingFlow,
            icon="assignment",
            title=_("Werkvoorraad handhaving"),
            app_name="werk-handhaving",
        ),
        WorkQueue(
            BezwaarFlow, icon="gavel", title=_("Werkvoorraad bezwaar"), app_name="werk-bezwaar"
        ),
        RapportageApplication(),
        PrivacyApplication(),
        RegioApplication(),
    ],
)
