import math

import pytest

from analysis.core import format as fmt


@pytest.mark.parametrize(
    ("p", "expected"),
    [
        (0.0499, "0,0499"),  # three decimals would print 0,050: across alpha
        (0.0547, "0,055"),
        (0.05, "0,050"),
        (0.04996, "0,04996"),
        (0.17, "0,170"),
        (0.0004, "< 0,001"),
        (1.0, "1,000"),
    ],
)
def test_p_never_rounds_across_alpha(p, expected):
    assert fmt.format_p(p) == expected


def test_p_in_english_and_missing():
    assert fmt.format_p(0.0499, language="en") == "0.0499"
    assert fmt.format_p(math.nan) == fmt.NOT_COMPUTED
    assert fmt.format_p_phrase(0.0004) == "p < 0,001"
    assert fmt.format_p_phrase(0.017) == "p = 0,017"


def test_numbers_in_both_locales():
    assert fmt.format_number(634660) == "634.660"
    assert fmt.format_number(634660, language="en") == "634,660"
    assert fmt.format_number(1234.56, 1) == "1.234,6"
    assert fmt.format_number(-0.01, 1) == "0,0"
    assert fmt.format_number(None) == "niet beschikbaar"
    assert fmt.format_number(float("nan"), language="en") == "not available"


def test_value_decimals_follow_the_unit():
    assert fmt.format_value(18.0, "%") == "18"
    assert fmt.format_value(18.26, "%") == "18,3"
    assert fmt.format_value(6.4, "aantal") == "6"
    assert fmt.format_value(150.44, "per 1000") == "150"
    assert fmt.format_value(35.44, "per 1000") == "35,4"


def test_shares_lists_and_intervals():
    assert fmt.format_share(0.25) == "25%"
    assert fmt.format_percent(12.345) == "12,3%"
    assert fmt.format_interval(0.1234, 0.8, language="nl") == "0,12 tot 0,80"
    assert fmt.format_interval(0.1234, 0.8, language="en") == "0.12 to 0.80"
    assert fmt.format_list(["a", "b", "c"]) == "a, b en c"
    assert fmt.format_list(["a", "b"], language="en") == "a and b"
    assert fmt.format_coefficient(math.inf) == "—"


def test_unknown_language_is_refused():
    with pytest.raises(ValueError, match="fr"):
        fmt.check_language("fr")
