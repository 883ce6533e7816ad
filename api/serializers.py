"""What the API shows of each record: read-only, explicit fields. Never a BSN, never a
confidential note unless `mag_vertrouwelijk_lezen`, and a person next to something else only by
the consent-aware label (`deelnemer`, set by the view from `deelnemer_labels`)."""

from rest_framework import serializers

from begeleiding.models import Module, Resultaat, VertrouwelijkeNotitie
from financiering.models import BEDRAG, Boeking, Vordering
from organisaties.models import Organisatie
from signalen.models import Signaal
from trajecten import workflow
from trajecten.models import Deelname, DeelnameStatus, Mijlpaal, Traject
from werving.models import Baangarantie, Kandidaat, Vacature


class TrajectSerializer(serializers.ModelSerializer):
    beroep = serializers.CharField(source="beroep.naam", read_only=True)

    class Meta:
        model = Traject
        fields = [
            "id",
            "naam",
            "branche",
            "beroep",
            "ronde",
            "groepsgrootte",
            "status",
            "aangemaakt_op",
            "omschrijving",
            "certificaat",
        ]


class DeelnameSerializer(serializers.ModelSerializer):
    kandidaat = serializers.CharField(source="kandidaat.__str__", read_only=True)
    kandidaat_id = serializers.IntegerField(read_only=True)
    traject = serializers.CharField(source="traject.naam", read_only=True)
    traject_id = serializers.IntegerField(read_only=True)
    # A step planned for later ("in dienst" on the contract's first day); empty when none is.
    gepland_naar = serializers.CharField(read_only=True)

    class Meta:
        model = Deelname
        fields = [
            "id",
            "kandidaat",
            "kandidaat_id",
            "traject",
            "traject_id",
            "status",
            "status_sinds",
            "werkgever_id",
            "gepland_naar",
            "gepland_op",
        ]


class NotitieSerializer(serializers.ModelSerializer):
    auteur = serializers.CharField(source="auteur.__str__", read_only=True)

    class Meta:
        model = VertrouwelijkeNotitie
        fields = ["tekst", "auteur", "aangemaakt_op"]


class DeelnameDetailSerializer(DeelnameSerializer):
    vertrouwelijke_notities = NotitieSerializer(many=True, read_only=True, required=False)

    class Meta(DeelnameSerializer.Meta):
        fields = [*DeelnameSerializer.Meta.fields, "vertrouwelijke_notities"]


# Every field a transition may carry (trajecten.workflow.VELDEN), optional here: which belong to
# which step, and whether they are complete, the page's form and the service decide.
_OVERGANGSVELDEN = sorted({v for velden in workflow.VELDEN.values() for v in velden})


class OvergangSerializer(serializers.Serializer):
    naar = serializers.ChoiceField(choices=DeelnameStatus.choices)
    reden = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    niet_geselecteerd_reden = serializers.CharField(
        max_length=2000, required=False, allow_blank=True
    )
    plan_b = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    parkeer_reden = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    herbeoordeling_op = serializers.DateField(required=False, allow_null=True)
    uitval_reden = serializers.CharField(max_length=20, required=False, allow_blank=True)
    uitval_toelichting = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    uitval_alternatief = serializers.CharField(max_length=20, required=False, allow_blank=True)
    werkgever = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, max_value=2**62
    )
    contract_start = serializers.DateField(required=False, allow_null=True)
    contract_duur_maanden = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, max_value=120
    )
    contract_uren_per_week = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, max_value=60
    )
    cao = serializers.CharField(max_length=150, required=False, allow_blank=True)
    contract_afwijking_reden = serializers.CharField(
        max_length=2000, required=False, allow_blank=True
    )


assert set(_OVERGANGSVELDEN) <= set(OvergangSerializer._declared_fields), _OVERGANGSVELDEN


class KandidaatSerializer(serializers.ModelSerializer):
    gemeente = serializers.CharField(source="gemeente.naam", read_only=True)

    class Meta:
        model = Kandidaat
        fields = [
            "id",
            "voornaam",
            "achternaam",
            "gemeente",
            "gemeente_id",
            "woonplaats",
            "taalniveau_nl",
            "inburgering",
            "dagen_beschikbaar",
            "rijbewijs",
            "aangemaakt_op",
        ]


class WerkgeverSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organisatie
        fields = ["id", "naam", "kvk_nummer"]


class VacatureSerializer(serializers.ModelSerializer):
    class Meta:
        model = Vacature
        fields = [
            "id",
            "werkgever_id",
            "traject_id",
            "functie",
            "aantal_plaatsen",
            "werklocatie",
            "uren_per_week",
            "contract_maanden",
            "taaleis",
            "status",
        ]


class BaangarantieSerializer(serializers.ModelSerializer):
    class Meta:
        model = Baangarantie
        fields = [
            "id",
            "traject_id",
            "werkgever_id",
            "aantal_plaatsen",
            "afgegeven_op",
            "inspanningsovereenkomst_getekend_op",
        ]


class MijlpaalSerializer(serializers.ModelSerializer):
    deelnemer = serializers.CharField(source="deelnemer_label", read_only=True)

    class Meta:
        model = Mijlpaal
        fields = [
            "id",
            "traject_id",
            "deelname_id",
            "deelnemer",
            "soort",
            "vervaldatum",
            "eigenaar_rol",
            "status",
            "afgerond_op",
        ]


class SignaalSerializer(serializers.ModelSerializer):
    deelnemer = serializers.CharField(source="deelnemer_label", read_only=True)

    class Meta:
        model = Signaal
        fields = [
            "id",
            "regel",
            "tekst",
            "vervaldatum",
            "status",
            "uitgesteld_tot",
            "traject_id",
            "deelname_id",
            "deelnemer",
        ]


class ModuleSerializer(serializers.ModelSerializer):
    aanbieder = serializers.CharField(source="aanbieder.naam", read_only=True)

    class Meta:
        model = Module
        fields = ["id", "traject_id", "soort", "aanbieder", "aanbieder_id", "dagen"]


class ResultaatSerializer(serializers.ModelSerializer):
    deelnemer = serializers.CharField(source="deelnemer_label", read_only=True)

    class Meta:
        model = Resultaat
        fields = ["id", "module_id", "deelname_id", "deelnemer", "behaald", "certificaat", "datum"]


class VorderingSerializer(serializers.ModelSerializer):
    nummer = serializers.CharField(read_only=True)
    deelnemer = serializers.CharField(source="deelnemer_label", read_only=True)
    bedrag = serializers.DecimalField(**BEDRAG, coerce_to_string=True, read_only=True)

    class Meta:
        model = Vordering
        fields = [
            "id",
            "nummer",
            "traject_id",
            "deelname_id",
            "deelnemer",
            "soort",
            "gemeente_id",
            "fonds_id",
            "bedrag",
            "status",
            "verdiend_op",
            "beoordeeld_op",
            "afwijzingsreden",
            "betaald_op",
        ]


class BeoordelingSerializer(serializers.Serializer):
    akkoord = serializers.BooleanField()
    reden = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class BoekingSerializer(serializers.ModelSerializer):
    bedrag = serializers.DecimalField(**BEDRAG, coerce_to_string=True, read_only=True)

    class Meta:
        model = Boeking
        fields = [
            "id",
            "fonds_id",
            "soort",
            "debet",
            "credit",
            "bedrag",
            "datum",
            "omschrijving",
            "traject_id",
            "vordering_id",
            "corrigeert_id",
            "geboekt_op",
        ]
