"""HTML to PDF for agendas, minutes and advice (WeasyPrint: no browser, no network)."""

from django.conf import settings
from django.http import HttpResponse
from weasyprint import HTML
from weasyprint.urls import URLFetcher


def render_pdf(html: str) -> bytes:
    # A document never fetches anything from the network; only inline data: URLs.
    fetcher = URLFetcher(allowed_protocols={"data"}, timeout=1)
    return HTML(string=html, base_url=str(settings.BASE_DIR), url_fetcher=fetcher).write_pdf()


def pdf_response(html: str, filename: str) -> HttpResponse:
    """``html`` as a PDF shown in the browser."""
    response = HttpResponse(render_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
