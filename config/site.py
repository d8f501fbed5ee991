"""The staff UI shell: viewflow's Material frontend, one Application per area of work.

Later features plug their viewsets into the applications here; the Django admin stays
under /beheer/ for functional administration.
"""

from django.utils.translation import gettext_lazy as _
from viewflow.urls import Site

from regio.views import RegioApplication, StartApplication

site = Site(
    title=_("Handhaving Wmo en Jeugd"),
    primary_color="#154273",
    secondary_color="#01689b",
    viewsets=[
        StartApplication(),
        RegioApplication(),
    ],
)
