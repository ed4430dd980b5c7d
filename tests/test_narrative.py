import string

import pytest

from analysis import narrative


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_phrase_in_both_languages_with_the_same_placeholders():
    phrases = narrative.catalogue()
    for key, phrase in phrases.items():
        assert set(phrase) == {"nl", "en"}, key
        assert _fields(phrase["nl"]) == _fields(phrase["en"]), key


def test_say_fills_in_and_refuses_unknown_keys_and_languages():
    with pytest.raises(KeyError, match="no phrase"):
        narrative.say("no.such.phrase")
    with pytest.raises(ValueError):
        narrative.say("no.such.phrase", "fr")
