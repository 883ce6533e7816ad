"""Error messages say what to do (organisaties/foutmeldingen.py), for every form at once."""

from django import forms

from organisaties.datums import GEPLAND, DatumVeld
from organisaties.foutmeldingen import veldnaam


class Voorbeeld(forms.Form):
    startdatum = DatumVeld(GEPLAND, label="Startdatum")
    naam = forms.CharField(label="Naam van de opleiding")
    aantal = forms.IntegerField(label="Aantal plaatsen", min_value=1, max_value=100)
    soort = forms.ChoiceField(label="Soort", choices=[("a", "A")])
    kvk = forms.CharField(label="KvK-nummer")
    akkoord = forms.BooleanField(label="Ik ga akkoord")
    eigen = forms.CharField(label="Reden", error_messages={"required": "Geef de reden."})


def test_lege_velden_zeggen_wat_te_doen():
    fouten = Voorbeeld(data={}).errors
    assert fouten["startdatum"] == ["Vul startdatum in, bijvoorbeeld 1-3-2027."]
    assert fouten["naam"] == ["Vul naam van de opleiding in."]
    assert fouten["aantal"] == ["Vul aantal plaatsen in, een heel getal."]
    assert fouten["soort"] == ["Kies soort."]
    assert fouten["kvk"] == ["Vul KvK-nummer in."]
    assert fouten["akkoord"] == ["Vink dit aan om verder te gaan."]
    assert fouten["eigen"] == ["Geef de reden."], "a form's own message is kept"


def test_onleesbare_waarden_zeggen_hoe_het_moet():
    fouten = Voorbeeld(data={"startdatum": "gisteren", "aantal": "veel", "soort": "x"}).errors
    assert fouten["startdatum"] == ["Vul startdatum in als dag-maand-jaar, bijvoorbeeld 1-3-2027."]
    assert fouten["aantal"] == ["Vul bij aantal plaatsen een heel getal in, bijvoorbeeld 12."]
    assert fouten["soort"] == ["Kies soort uit de lijst."]


def test_een_datum_als_dag_maand_jaar_wordt_gelezen():
    form = Voorbeeld(data={"startdatum": "1-3-2027"})
    form.is_valid()
    assert "startdatum" not in form.errors


def test_veldnaam_in_een_zin():
    assert veldnaam("Startdatum") == "startdatum"
    assert veldnaam("KvK-nummer") == "KvK-nummer"
    assert veldnaam("BSN") == "BSN"
    assert veldnaam("E-mailadres") == "e-mailadres"


def test_vragen_en_lange_labels():
    class Vragen(forms.Form):
        wat = forms.CharField(label="Wat is er veranderd sinds de afwijzing?")
        reden = forms.CharField(label="Reden (verplicht bij afwijzen)")
        lang = forms.CharField(label="Een heel lang label dat niet in een zin past, echt niet")

    fouten = Vragen(data={}).errors
    assert fouten["wat"] == ["Beantwoord deze vraag."]
    assert fouten["reden"] == ["Vul reden in."]
    assert fouten["lang"] == ["Vul dit veld in."]
