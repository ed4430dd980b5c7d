import pandas as pd
import pytest

from analysis.core.cbs import strip_text, to_number


def test_padded_text_and_markers_become_numbers_or_missing():
    values = pd.Series(["  508480", "    35.5", "       .", "x", "-99999999", "0"])
    result = to_number(values)
    assert result.tolist()[:2] == [508480.0, 35.5]
    assert result.isna().tolist() == [False, False, True, True, True, False]
    assert result.iloc[5] == 0.0  # a real zero stays zero


def test_numeric_sentinels_are_masked():
    result = to_number(pd.Series([12, -99999999, -99999997, 3]))
    assert result.isna().tolist() == [False, True, True, False]
    assert str(result.dtype) == "Float64"


def test_unparseable_text_is_an_error_not_a_missing_value():
    with pytest.raises(ValueError):
        to_number(pd.Series(["12", "twelve"]))


def test_strip_text_removes_statline_padding_only_from_text():
    frame = pd.DataFrame({"RegioS": ["NL01   ", "GM0599"], "n": [1, 2]})
    out = strip_text(frame)
    assert out["RegioS"].tolist() == ["NL01", "GM0599"]
    assert out["n"].tolist() == [1, 2]
    assert frame["RegioS"].iloc[0] == "NL01   "  # input untouched
