"""HTML → PDF with WeasyPrint: the one renderer of Schakel (ARCHITECTURE.md "Documents").

Used by the agreements of this app and by the claim specification (financiering); any other
PDF (the trajectrapportage) renders through `render_pdf` too.

WeasyPrint is imported lazily: it needs Pango at runtime, and a server without it still serves
every other page (a PDF link then explains that the PDF is not available). Its URL fetcher only
serves our own static files: no network, no media, no other files. Output is tagged PDF/UA-1;
WeasyPrint embeds (a subset of) every font it uses, found through fontconfig ("DejaVu Sans" in
static/css/pdf.css, installed as fonts-dejavu-core by the Dockerfile and .ci/run).
"""

import hashlib
import mimetypes
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import Http404, HttpResponse
from django.template.loader import render_to_string
from django.utils import translation

# Relative URLs in our templates ({% static %}) resolve against this; only its path matters,
# since the fetcher never goes to the network.
BASIS_URL = "http://schakel.invalid/"


class PdfNietBeschikbaar(Exception):
    """WeasyPrint or its system libraries are missing."""


def statisch_bestand(url: str) -> str:
    """The file behind one of our static URLs; ValueError for anything else."""
    delen = urlsplit(url)
    prefix = "/" + settings.STATIC_URL.strip("/") + "/"
    if delen.scheme not in ("http", "https", "") or not delen.path.startswith(prefix):
        raise ValueError(f"Only our own static files may be fetched, not {url!r}")
    naam = delen.path[len(prefix) :]
    if ".." in naam.split("/"):
        raise ValueError(f"Not a static file: {url!r}")
    try:
        pad = staticfiles_storage.path(naam)
    except NotImplementedError:  # pragma: no cover - remote storage
        pad = None
    if not pad or not staticfiles_storage.exists(naam):
        pad = finders.find(naam)
    if not pad:
        raise ValueError(f"Unknown static file: {url!r}")
    return pad


def _fetcher():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class AlleenStatischeBestanden(URLFetcher):
        def fetch(self, url, headers=None):
            pad = statisch_bestand(url)
            with open(pad, "rb") as bestand:
                inhoud = bestand.read()
            soort = mimetypes.guess_type(pad)[0] or "application/octet-stream"
            return URLFetcherResponse(url, body=inhoud, headers={"Content-Type": soort})

    return AlleenStatischeBestanden()


_lettertypen = None


def _font_config():
    """One fontconfig set-up per process instead of one per PDF (about a tenth of the time;
    docs/documenten.md). Our templates declare no @font-face, so nothing accumulates in it."""
    global _lettertypen
    if _lettertypen is None:
        from weasyprint.text.fonts import FontConfiguration

        _lettertypen = FontConfiguration()
    return _lettertypen


def render_pdf(html: str, *, base_url: str = BASIS_URL) -> bytes:
    try:
        import weasyprint
    except (ImportError, OSError) as fout:
        raise PdfNietBeschikbaar(str(fout)) from fout
    document = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=_fetcher())
    return document.write_pdf(pdf_variant="pdf/ua-1", font_config=_font_config())


def pdf_download(html: str, bestandsnaam: str, *, anders: str) -> HttpResponse:
    """The PDF of `html` as a download; without WeasyPrint a 404 that says what to use
    `anders` (instead)."""
    try:
        inhoud = render_pdf(html)
    except PdfNietBeschikbaar:
        raise Http404(anders) from None
    return HttpResponse(
        inhoud,
        content_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{bestandsnaam}"'},
    )


def render_html(sjabloon: str, context: dict) -> str:
    """A document template rendered in Dutch, whatever the request's language: the same HTML
    feeds the browser preview and the PDF. Autoescaping is on, so what users typed stays text."""
    with translation.override(settings.LANGUAGE_CODE):
        return render_to_string(sjabloon, context)


def sha256(inhoud: bytes) -> str:
    return hashlib.sha256(inhoud).hexdigest()
