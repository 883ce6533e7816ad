"""The start of the REST API: deelnames as each role may see them, through the same selectors
and the same access declaration as the pages. Confidential notes are included only for who may
read them (begeleiding.selectors.mag_vertrouwelijk_lezen)."""

from django.http import Http404
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.response import Response

from organisaties.access import regio_view
from organisaties.models import Rol
from trajecten.selectors import deelnames_zichtbaar_voor

from . import selectors

LEZERS = (Rol.PROCESREGISSEUR, Rol.KLANTMANAGER, Rol.OPLEIDER, Rol.BEGELEIDER, Rol.WERKGEVER)


class DeelnameSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kandidaat = serializers.CharField()
    traject = serializers.CharField(source="traject.naam")
    status = serializers.CharField()
    status_sinds = serializers.DateTimeField()


class NotitieSerializer(serializers.Serializer):
    tekst = serializers.CharField()
    auteur = serializers.CharField()
    aangemaakt_op = serializers.DateTimeField()


@regio_view(*LEZERS)
@api_view(["GET"])
def deelnames(request):
    qs = (
        deelnames_zichtbaar_voor(request.user, request.regio)
        .select_related("kandidaat", "traject")
        .order_by("pk")
    )
    return Response(DeelnameSerializer(qs, many=True).data)


@regio_view(*LEZERS)
@api_view(["GET"])
def deelname(request, dpk):
    d = (
        deelnames_zichtbaar_voor(request.user, request.regio)
        .select_related("kandidaat", "traject")
        .filter(pk=dpk)
        .first()
    )
    if d is None:
        raise Http404
    data = DeelnameSerializer(d).data
    if selectors.mag_vertrouwelijk_lezen(request.user, request.regio, d):
        notities = selectors.vertrouwelijke_notities(
            user=request.user, regio=request.regio, deelname=d
        )
        data["vertrouwelijke_notities"] = NotitieSerializer(notities, many=True).data
    return Response(data)
