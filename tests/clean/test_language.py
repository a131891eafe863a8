"""Language identification sends non-English text away with a reason."""

import pytest

from kibaru.articles import make_article
from kibaru.clean.language import LanguageDetector, detect_language
from kibaru.config import PipelineConfig
from kibaru.contract import Doc
from kibaru.errors import UnsupportedLanguageError
from kibaru.pipeline import BuildContext
from kibaru.resources import Resources


def detector() -> LanguageDetector:
    config = PipelineConfig()
    return LanguageDetector(BuildContext(config, Resources(config), "test"))


def test_english_news_is_english() -> None:
    code, _, _ = detect_language("Gunmen attacked a village in the north of the country on Sunday, killing five people.")
    assert code == "en"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Des hommes armés ont attaqué un poste de l'armée dans la région de Mopti, selon une source.", "fr"),
        ("Hombres armados atacaron un puesto militar en la región, según una fuente de seguridad.", "es"),
        ("Вооружённые люди напали на военный пост в регионе в воскресенье.", "ru"),
        ("هاجم مسلحون موقعا عسكريا في المنطقة يوم الأحد", "ar"),
    ],
)
def test_other_languages_and_scripts_are_recognised(text: str, code: str) -> None:
    assert detect_language(text)[0] == code


def test_french_article_is_refused_with_the_language_named() -> None:
    text = "Des hommes armés ont attaqué un poste de l'armée malienne dans la région de Mopti, selon une source sécuritaire."
    doc = Doc(article=make_article(text, origin="reports/mopti.txt"), text=text)
    with pytest.raises(UnsupportedLanguageError, match=r"reports/mopti.txt: text is in French \(fr\)"):
        detector()(doc)


def test_short_text_falls_back_to_the_configured_language() -> None:
    doc = Doc(article=make_article("Gunmen attacked."), text="Gunmen attacked.")
    assert detector()(doc).language == "en"
