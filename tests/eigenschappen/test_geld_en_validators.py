"""Property tests (hypothesis): the money arithmetic and the validators hold for every input,
not only for the examples in the other tests."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from financiering import toerekening
from organisaties.export import GEVAARLIJK, veilige_cel
from organisaties.validators import normaliseer_iban, valideer_iban, valideer_kvk_nummer
from werving.validators import normaliseer_bsn, normaliseer_postcode

bedragen = st.decimals(
    min_value=Decimal("-100000"), max_value=Decimal("1000000"), places=2, allow_nan=False
)


@st.composite
def regels(draw):
    n = draw(st.integers(min_value=1, max_value=5))
    procenten = draw(
        st.lists(st.decimals(min_value=0, max_value=100, places=2), min_size=n, max_size=n).filter(
            lambda ps: sum(ps) <= 100
        )
    )
    return [
        toerekening.Regel(financier_id=i + 1, categorie=None, procent=p)
        for i, p in enumerate(procenten)
    ]


@settings(max_examples=300)
@given(kosten=st.lists(bedragen, min_size=1, max_size=8), regels=regels())
def test_toerekening_verdeelt_elke_cent_precies_eenmaal(kosten, regels):
    """With a rest bearer every cost is split into whole cents that add up to the cost."""
    kostenlijst = [
        toerekening.Kost(id=i, categorie="vakopleiding", bedrag=b) for i, b in enumerate(kosten)
    ]
    uitkomst = toerekening.verdeel(kostenlijst, regels, restdrager=99)
    for kost in kostenlijst:
        delen = [bedrag for bedrag, _natura in uitkomst[kost.id].values()]
        assert sum(delen, Decimal("0.00")) == kost.bedrag
        assert all(d == d.quantize(Decimal("0.01")) for d in delen)


@given(st.decimals(allow_nan=False, allow_infinity=False, min_value=-(10**9), max_value=10**9))
def test_centen_rondt_half_naar_boven_af_op_twee_decimalen(bedrag):
    c = toerekening.centen(bedrag)
    assert c == c.quantize(Decimal("0.01")) and abs(c - bedrag) <= Decimal("0.005")


def _elfproef(cijfers: str) -> bool:
    totaal = sum(int(c) * w for c, w in zip(cijfers[:8], range(9, 1, -1), strict=True))
    return (totaal - int(cijfers[8])) % 11 == 0


@given(st.from_regex(r"[0-9]{9}", fullmatch=True))
def test_bsn_wordt_aanvaard_precies_als_de_elfproef_klopt(cijfers):
    try:
        assert normaliseer_bsn(cijfers) == cijfers
        geldig = True
    except ValidationError:
        geldig = False
    assert geldig == (_elfproef(cijfers) and cijfers != "000000000")


@given(st.text(max_size=40))
def test_validators_geven_alleen_een_nederlandse_melding(tekst):
    for valideer in (normaliseer_bsn, normaliseer_postcode, valideer_kvk_nummer):
        try:
            valideer(tekst)
        except ValidationError as fout:
            assert fout.messages and all(m.strip() for m in fout.messages)  # noqa: PT017 - any input, no pytest.raises


@given(st.from_regex(r"[1-9][0-9]{3} ?[A-Za-z]{2}", fullmatch=True))
def test_postcode_wordt_genormaliseerd(postcode):
    try:
        uit = normaliseer_postcode(postcode)
    except ValidationError:
        return  # SA, SD and SS are not used as letters
    assert len(uit) == 7 and uit[4] == " " and uit[5:].isupper()


@given(st.from_regex(r"[0-9]{8}", fullmatch=True))
def test_kvk_nummer_van_acht_cijfers_is_goed(nummer):
    valideer_kvk_nummer(nummer)


@given(st.text())
def test_geen_cel_begint_als_formule(tekst):
    cel = veilige_cel(tekst)
    if cel.startswith(GEVAARLIJK):
        assert cel.lstrip("-").replace(",", "").replace(".", "").isdigit()


# ---- IBAN (python-stdnum) -------------------------------------------------------------------


def _nl_iban(bank: str, rekening: str) -> str:
    """An NL IBAN with its check digits computed by ISO 13616 (mod 97), independently of
    python-stdnum."""
    bban = bank + rekening
    getal = int("".join(str(int(c, 36)) for c in bban + "NL00"))
    return f"NL{98 - getal % 97:02d}{bban}"


banken = st.sampled_from(["ABNA", "INGB", "RABO", "SNSB", "TRIO", "BUNQ", "ASNB"])
rekeningen = st.from_regex(r"[0-9]{10}", fullmatch=True)


@given(banken, rekeningen, st.sampled_from([" ", ""]))
def test_elk_goed_iban_wordt_geaccepteerd_ook_met_spaties(bank, rekening, spatie):
    goed = _nl_iban(bank, rekening)
    geschreven = spatie.join(goed[i : i + 4] for i in range(0, len(goed), 4))
    valideer_iban(geschreven)
    valideer_iban(geschreven.lower())
    assert normaliseer_iban(geschreven) == goed


@given(banken, rekeningen, st.integers(min_value=4, max_value=17), st.integers(1, 9))
def test_een_tikfout_in_een_cijfer_wordt_altijd_gevonden(bank, rekening, plek, verschil):
    goed = _nl_iban(bank, rekening)
    if not goed[plek].isdigit():
        return
    fout = goed[:plek] + str((int(goed[plek]) + verschil) % 10) + goed[plek + 1 :]
    with pytest.raises(ValidationError) as fout_info:
        valideer_iban(fout)
    assert "Dit IBAN klopt niet" in str(fout_info.value)


@given(st.text(max_size=60))
def test_iban_validator_geeft_alleen_een_nederlandse_melding(tekst):
    from stdnum import iban

    if tekst and not iban.is_valid(tekst):
        with pytest.raises(ValidationError, match="Dit IBAN klopt niet"):
            valideer_iban(tekst)
    else:
        valideer_iban(tekst)  # never any other exception
