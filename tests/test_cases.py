import pandas as pd
import pytest

from analysis.geo.cases import UnknownMunicipalityError, load_cases, resolve_municipality, slugify

KNOWN = pd.DataFrame(
    {
        "gm_code": ["GM0599", "GM1900", "GM0893", "GM0373", "GM0957"],
        "gm_name": ["Rotterdam", "Súdwest-Fryslân", "Bergen (L.)", "Bergen (NH.)", "Roermond"],
    }
)


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("GM0599", "GM0599"),
        ("gm0599", "GM0599"),
        ("599", "GM0599"),
        ("rotterdam", "GM0599"),
        ("Sudwest Fryslan", "GM1900"),
        ("bergen (l.)", "GM0893"),
    ],
)
def test_codes_and_names_resolve(query, code):
    assert resolve_municipality(query, KNOWN) == code


def test_unknown_name_suggests_the_closest():
    with pytest.raises(UnknownMunicipalityError, match="closest: GM0599 Rotterdam"):
        resolve_municipality("Rotterdm", KNOWN)


def test_unknown_code_is_refused():
    with pytest.raises(UnknownMunicipalityError, match="'GM9999' is not a municipality of 1 January 2017"):
        resolve_municipality("GM9999", KNOWN)


def test_registry_errors_name_file_and_line(tmp_path):
    path = tmp_path / "cases.csv"
    path.write_text(
        "gm_code,gm_name,case_label\nGM0599,Rotterdam,R\nGM0001,Nergens,N\nGM1900,Sneek,S\nGM0599,Rotterdam,R\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError) as error:
        load_cases(path, municipalities=KNOWN)
    message = str(error.value)
    assert "line 3: GM0001 is not a municipality of 2017" in message
    assert "line 4: GM1900 is 'Súdwest-Fryslân' in CBS 2017, not 'Sneek'" in message
    assert "GM0599 is listed more than once" in message


def test_registry_missing_column(tmp_path):
    path = tmp_path / "cases.csv"
    path.write_text("gm_code,gm_name\nGM0599,Rotterdam\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"missing column\(s\) case_label"):
        load_cases(path, municipalities=KNOWN)


def test_the_twenty_are_valid_2017_municipalities(built_data):
    cases = load_cases()
    assert len(cases) == 20
    assert "GM0599" in set(cases["gm_code"]) and "GM1931" in set(cases["gm_code"])


def test_slug_is_stable_ascii():
    assert slugify("GM1900", "Súdwest-Fryslân") == "GM1900-sudwest-fryslan"
    assert slugify("GM0893", "Bergen (L.)") == "GM0893-bergen-l"
