"""The English screen before the language identifier: English prose passes it, other languages never do."""

from __future__ import annotations

import pytest

from dateline import language
from dateline.errors import LanguageError
from dateline.settings import DEFAULT

ENGLISH = ("The minister said on Tuesday that the government would not change its plans, and that talks with "
           "the unions, which have been going on for weeks, were likely to resume. They are expected to meet "
           "again by the end of the month, his spokesman said.")
OTHERS = {
    "de": ("Der Minister sagte am Dienstag, dass die Regierung ihre Pläne nicht ändern werde und dass die "
           "Gespräche mit den Gewerkschaften, die seit Wochen andauern, wahrscheinlich wieder aufgenommen "
           "würden. Sie sollen sich bis Ende des Monats erneut treffen, sagte sein Sprecher."),
    "nl": ("De minister zei dinsdag dat de regering haar plannen niet zou wijzigen en dat het overleg met de "
           "vakbonden, dat al weken aan de gang is, waarschijnlijk zou worden hervat. Het was de bedoeling dat "
           "ze voor het einde van de maand opnieuw bijeen zouden komen, zei zijn woordvoerder."),
    "es": ("El ministro dijo el martes que el gobierno no cambiaría sus planes y que las conversaciones con los "
           "sindicatos, que se prolongan desde hace semanas, probablemente se reanudarían. Está previsto que se "
           "reúnan de nuevo antes de que termine el mes, dijo su portavoz."),
    "fr": ("Le ministre a déclaré mardi que le gouvernement ne changerait pas ses projets et que les discussions "
           "avec les syndicats, qui durent depuis des semaines, devraient reprendre. Ils doivent se retrouver "
           "avant la fin du mois, a indiqué son porte-parole."),
    "da": ("Ministeren sagde tirsdag, at regeringen ikke ville ændre sine planer, og at forhandlingerne med "
           "fagforeningerne, som har stået på i uger, sandsynligvis ville blive genoptaget. Det er meningen, at "
           "de skal mødes igen inden udgangen af måneden, sagde hans talsmand. Her er der for meget at gøre."),
}


def test_english_prose_is_clearly_english() -> None:
    assert language.clearly_english(ENGLISH)


@pytest.mark.parametrize("code", sorted(OTHERS))
def test_other_languages_are_never_clearly_english(code: str) -> None:
    assert not language.clearly_english(OTHERS[code])


def test_too_few_words_are_left_to_the_identifier() -> None:
    assert not language.clearly_english("The talks were said to have been with them.")


def test_clear_english_does_not_load_the_identifier() -> None:
    language._identifier.cache_clear()
    assert language.check_language(ENGLISH, settings=DEFAULT, source="t") == "en"
    assert language._identifier.cache_info().currsize == 0


def test_other_languages_still_go_to_the_identifier() -> None:
    with pytest.raises(LanguageError) as caught:
        language.check_language(OTHERS["de"] * 2, settings=DEFAULT, source="t")
    assert caught.value.language == "de"


def test_the_screen_is_only_for_english_runs() -> None:
    settings = DEFAULT.replace(languages=("de",))
    with pytest.raises(LanguageError):
        language.check_language(ENGLISH * 2, settings=settings, source="t")
