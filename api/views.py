"""API v1: the same selectors, services and access declaration as the pages.

Each route is wrapped in `regio_view(*rollen)` in api/urls.py, so the regio, the membership and
the role are checked, and the django-scopes scope opened, before DRF runs; every list and object
comes from the app's selector for this user and regio, every change from the app's service.
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.filters import OrderingFilter
from rest_framework.response import Response

from begeleiding import selectors as begeleiding_selectors
from financiering import selectors as financiering_selectors
from financiering import services as financiering_services
from organisaties.access import publiek
from signalen import selectors as signalen_selectors
from trajecten import selectors as traject_selectors
from trajecten import services as traject_services
from trajecten import workflow
from trajecten.forms import DeelnameOvergangForm
from trajecten.selectors import met_deelnemer_labels
from werving import selectors as werving_selectors
from werving import services as werving_services

from . import filters, serializers


def fout_antwoord(fout: ValidationError) -> Response:
    """A service's ValidationError as a 400 with its Dutch messages, per field where it has
    them (as the pages show them next to the fields)."""
    if hasattr(fout, "error_dict"):
        data = {veld: [str(m) for m in fouten] for veld, fouten in fout.message_dict.items()}
    else:
        data = {"detail": " ".join(str(m) for m in fout.messages)}
    return Response(data, status=status.HTTP_400_BAD_REQUEST)


class RegioViewSet(viewsets.ReadOnlyModelViewSet):
    """Read-only lists and objects of one regio, from `basis()` (a selector). Rows that point at
    a deelname get the consent-aware `deelnemer_label` when `labels` is set."""

    filter_backends = [DjangoFilterBackend, OrderingFilter]
    ordering = ["pk"]
    labels = False

    def basis(self):
        """The rows this role may see: each viewset below returns its selector's queryset."""
        raise NotImplementedError

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # drf-spectacular reads the model only
            return self.get_serializer_class().Meta.model.objects.none()
        return self.basis()

    def _met_labels(self, rijen):
        if not self.labels:
            return rijen
        return met_deelnemer_labels(self.request.user, self.request.regio, rijen)

    def list(self, request, *args, **kwargs):
        qs = self.filter_queryset(self.get_queryset())
        pagina = self.paginate_queryset(qs)
        rijen = self._met_labels(pagina)
        return self.get_paginated_response(self.get_serializer(rijen, many=True).data)

    def retrieve(self, request, *args, **kwargs):
        obj = self._met_labels([self.get_object()])[0]
        return Response(self.get_serializer(obj).data)


class TrajectViewSet(RegioViewSet):
    serializer_class = serializers.TrajectSerializer
    filterset_class = filters.TrajectFilter
    ordering_fields = ["pk", "naam", "aangemaakt_op", "status"]

    def basis(self):
        return traject_selectors.trajecten_zichtbaar_voor(
            self.request.user, self.request.regio
        ).select_related("beroep")


class DeelnameViewSet(RegioViewSet):
    serializer_class = serializers.DeelnameSerializer
    filterset_class = filters.DeelnameFilter
    ordering_fields = ["pk", "status", "status_sinds"]

    def basis(self):
        return traject_selectors.deelnames_zichtbaar_voor(
            self.request.user, self.request.regio
        ).select_related("kandidaat", "traject")

    def get_serializer_class(self):
        if self.action == "retrieve":
            return serializers.DeelnameDetailSerializer
        if self.action == "overgang":
            return serializers.OvergangSerializer
        return serializers.DeelnameSerializer

    def retrieve(self, request, *args, **kwargs):
        d = self.get_object()
        data = serializers.DeelnameSerializer(d).data
        # Confidential notes only for who may read them (the procesregisseur and the
        # deelnemer's own coach): begeleiding.selectors decides, as on the dossier page.
        if begeleiding_selectors.mag_vertrouwelijk_lezen(request.user, request.regio, d):
            notities = begeleiding_selectors.vertrouwelijke_notities(
                user=request.user, regio=request.regio, deelname=d
            )
            data["vertrouwelijke_notities"] = serializers.NotitieSerializer(
                notities, many=True
            ).data
        werving_services.leg_raadplegingen_vast(
            request=request, kandidaten=[d.kandidaat_id], soort="api", onderdeel="deelname"
        )
        return Response(data)

    @extend_schema(
        request=serializers.OvergangSerializer,
        responses={200: serializers.DeelnameSerializer},
        summary="Verplaats een deelname (dezelfde stap als op het fasebord)",
    )
    @action(detail=True, methods=["post"])
    def overgang(self, request, pk=None):
        """The step of the fasebord: the same form checks the data of the step, the same
        service checks edge and preconditions, asks a reason when the step skips something the
        round expects, and writes the timeline."""
        basis = self.get_object()
        d = traject_selectors.deelname_detail(
            user=request.user, regio=request.regio, traject=basis.traject, pk=basis.pk
        )
        invoer = serializers.OvergangSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        naar = invoer.validated_data["naar"]
        velden = set(workflow.VELDEN.get(naar, []))
        vreemd = sorted(set(request.data) - velden - {"naar", "reden"})
        if vreemd:
            return Response(
                {veld: ["Dit veld hoort niet bij deze stap."] for veld in vreemd},
                status=status.HTTP_400_BAD_REQUEST,
            )
        waarden = {v: request.data.get(v) for v in velden if request.data.get(v) is not None}
        waarden["reden"] = invoer.validated_data["reden"]
        form = DeelnameOvergangForm(waarden, deelname=d, naar=naar)
        if not form.is_valid():
            return Response(form.errors.get_json_data(), status=status.HTTP_400_BAD_REQUEST)
        try:
            d = traject_services.verplaats_deelname(
                deelname=d,
                naar=naar,
                door=request.user,
                gegevens=form.gegevens(),
                reden=form.cleaned_data["reden"],
            )
        except ValidationError as fout:
            return fout_antwoord(fout)
        return Response(serializers.DeelnameSerializer(d).data)


class KandidaatViewSet(RegioViewSet):
    """Kandidaten within consent: a klantmanager those of their gemeente, the procesregisseur
    those who share with the procesregie. Never the BSN."""

    serializer_class = serializers.KandidaatSerializer
    filterset_class = filters.KandidaatFilter
    ordering_fields = ["pk", "achternaam", "aangemaakt_op"]

    def basis(self):
        return werving_selectors.kandidaten_zichtbaar_voor(
            self.request.user, self.request.regio
        ).select_related("gemeente")

    def retrieve(self, request, *args, **kwargs):
        antwoord = super().retrieve(request, *args, **kwargs)
        werving_services.leg_raadplegingen_vast(
            request=request, kandidaten=[antwoord.data["id"]], soort="api", onderdeel="kandidaat"
        )
        return antwoord


class WerkgeverViewSet(RegioViewSet):
    serializer_class = serializers.WerkgeverSerializer
    ordering_fields = ["pk", "naam"]

    def basis(self):
        return werving_selectors.werkgevers_zichtbaar_voor(self.request.user, self.request.regio)


class VacatureViewSet(RegioViewSet):
    serializer_class = serializers.VacatureSerializer
    filterset_class = filters.VacatureFilter
    ordering_fields = ["pk", "functie", "status"]

    def basis(self):
        return werving_selectors.vacatures_zichtbaar_voor(self.request.user, self.request.regio)


class BaangarantieViewSet(RegioViewSet):
    serializer_class = serializers.BaangarantieSerializer
    filterset_class = filters.BaangarantieFilter
    ordering_fields = ["pk", "afgegeven_op"]

    def basis(self):
        return werving_selectors.baangaranties_zichtbaar_voor(self.request.user, self.request.regio)


class MijlpaalViewSet(RegioViewSet):
    serializer_class = serializers.MijlpaalSerializer
    filterset_class = filters.MijlpaalFilter
    ordering_fields = ["pk", "vervaldatum", "status"]
    ordering = ["vervaldatum", "pk"]
    labels = True

    def basis(self):
        return traject_selectors.mijlpalen_zichtbaar_voor(self.request.user, self.request.regio)


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("toon", str, enum=["open", "uitgesteld", "gedaan"], required=False)
        ]
    )
)
class SignaalViewSet(RegioViewSet):
    """The caller's own signalen: what needs doing (`toon=open`, the default), put off, done."""

    serializer_class = serializers.SignaalSerializer
    filterset_class = filters.SignaalFilter
    ordering_fields = ["pk", "vervaldatum"]
    ordering = ["vervaldatum", "pk"]
    labels = True

    def basis(self):
        toon = self.request.query_params.get("toon", "open")
        if toon not in {"open", "uitgesteld", "gedaan"}:
            toon = "open"
        return signalen_selectors.signalen_voor(
            user=self.request.user, regio=self.request.regio, toon=toon
        )


class ModuleViewSet(RegioViewSet):
    serializer_class = serializers.ModuleSerializer
    filterset_class = filters.ModuleFilter
    ordering_fields = ["pk", "soort"]

    def basis(self):
        return begeleiding_selectors.modules_voor(
            self.request.user, self.request.regio
        ).select_related("aanbieder")


class ResultaatViewSet(RegioViewSet):
    serializer_class = serializers.ResultaatSerializer
    filterset_class = filters.ResultaatFilter
    ordering_fields = ["pk", "datum"]
    labels = True

    def basis(self):
        return begeleiding_selectors.resultaten_zichtbaar_voor(
            self.request.user, self.request.regio
        )


class VorderingViewSet(RegioViewSet):
    """Claims as the pages show them: the procesregisseur all, a klantmanager those on their
    gemeente, a fund's financier those flowing back into it (with initials, never names)."""

    serializer_class = serializers.VorderingSerializer
    filterset_class = filters.VorderingFilter
    ordering_fields = ["pk", "verdiend_op", "status"]
    ordering = ["-verdiend_op", "-pk"]
    labels = True

    def basis(self):
        return financiering_selectors.vorderingen_zichtbaar_voor(
            self.request.user, self.request.regio
        )

    def get_serializer_class(self):
        if self.action == "beoordeling":
            return serializers.BeoordelingSerializer
        return serializers.VorderingSerializer

    @extend_schema(
        request=serializers.BeoordelingSerializer,
        responses={200: serializers.VorderingSerializer},
        summary="Keur een vordering goed of wijs haar af (de klantmanager van de gemeente)",
    )
    @action(detail=True, methods=["post"])
    def beoordeling(self, request, pk=None):
        v = self.get_object()
        if not financiering_selectors.mag_beoordelen(request.user, request.regio, v):
            raise PermissionDenied("Alleen een klantmanager van deze gemeente beoordeelt dit.")
        invoer = serializers.BeoordelingSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        try:
            v = financiering_services.beoordeel_vordering(
                vordering=v,
                door=request.user,
                akkoord=invoer.validated_data["akkoord"],
                reden=invoer.validated_data["reden"],
            )
        except ValidationError as fout:
            return fout_antwoord(fout)
        except DjangoPermissionDenied:
            raise PermissionDenied(
                "Alleen een klantmanager van deze gemeente beoordeelt dit."
            ) from None
        return Response(serializers.VorderingSerializer(self._met_labels([v])[0]).data)


class BoekingViewSet(RegioViewSet):
    """The revolving fund's ledger, read-only: bookings are append-only (docs/adr/0005)."""

    serializer_class = serializers.BoekingSerializer
    filterset_class = filters.BoekingFilter
    ordering_fields = ["pk", "datum"]
    ordering = ["datum", "pk"]

    def basis(self):
        return financiering_selectors.boekingen_zichtbaar_voor(
            self.request.user, self.request.regio
        )


@publiek
def documentatie(request):
    """Swagger UI from the vendored assets (static/vendor/swagger-ui), started by a script file
    of our own: no CDN, nothing inline, so the strict Content-Security-Policy holds."""
    return render(request, "api/docs.html")


def niet_gevonden(request, exception):
    """Django's 404 handler (config/urls.py): JSON under /api/, the page everywhere else. The
    access mechanism answers its own 404s; this covers paths that match no route."""
    from django.http import JsonResponse
    from django.views.defaults import page_not_found

    if request.path_info.startswith("/api/"):
        response = JsonResponse({"detail": "Niet gevonden."}, status=404)
        response["Cache-Control"] = "no-store"
        return response
    return page_not_found(request, exception)
