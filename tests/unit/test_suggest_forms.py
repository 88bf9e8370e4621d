"""The contribution forms' model (handbook.contributions.forms): built from the content schema,
so its questions, requirements and options are the readers'; answers filled in as the page's
script collects them make front matter the build's readers accept."""

from __future__ import annotations

import copy
import re
from typing import Any

import lxml.html
import pytest

from handbook.content.problems import Problem
from handbook.content.vocabulary import Vocabularies, load_vocabularies
from handbook.contributions import forms as suggest
from handbook.contributions.field_help import field_help
from handbook.contributions.schema import content_schema
from tests.support import REPO
from tests.unit.test_content_schema import build_problems


@pytest.fixture(scope="module")
def vocabularies() -> Vocabularies:
    problems: list[Problem] = []
    loaded = load_vocabularies(REPO, problems)
    assert not problems
    return loaded


@pytest.fixture(scope="module")
def defs(vocabularies) -> dict:
    return content_schema(vocabularies, None, field_help(REPO))["$defs"]


@pytest.fixture(scope="module")
def forms(defs, vocabularies) -> dict[str, suggest.SuggestForm]:
    return {form.id: form for form in suggest.suggest_forms(defs, vocabularies)}


def test_one_form_per_kind_of_suggestion_in_the_agreed_order(forms):
    assert list(forms) == ["term", "perspective", "story", "organisation", "evidence", "correction"]


def test_each_field_is_the_schemas_field_with_its_requirement(forms, defs):
    definitions = suggest.definitions(defs)
    for form in forms.values():
        if form.id == "correction":
            continue
        for field in form.fields:
            if field.context:
                continue
            schema, required = suggest.field_schema(definitions[form.definition], field.path)
            assert field.required == required, (form.id, field.path)
            if "enum" in schema:
                assert [option.value for option in field.options] == schema["enum"], (form.id, field.path)
                assert [option.title for option in field.options] == schema["x-titles"]


def _required_paths(schema: dict, prefix: str = "") -> list[str]:
    """Every field an item must have: required fields, down through required objects and lists."""
    if schema.get("type") == "array":
        return _required_paths(schema["items"], f"{prefix}.*")
    out = []
    for name in schema.get("required", []):
        path = f"{prefix}.{name}" if prefix else name
        inner = schema["properties"][name]
        deeper = _required_paths(inner, path) if inner.get("type") in ("object", "array") else []
        out += deeper or [path]
    return out


def test_every_field_the_readers_require_is_asked_or_left_to_a_maintainer(forms, defs):
    definitions = suggest.definitions(defs)
    for form in forms.values():
        asked = {field.path for field in form.fields if field.required}
        for path in _required_paths(definitions[form.definition]):
            left = any(path == m or path.startswith(f"{m}.") for m in form.maintainer_fields)
            assert path in asked or left, f"{form.id}: {path} is required by the reader but not asked"


def test_widgets_follow_the_schema(forms, vocabularies):
    term = {field.path: field for field in forms["term"].fields}
    assert term["group"].widget == "select"
    assert term["themes"].widget == "checkboxes" and term["themes"].value_type == "list"
    assert [o.value for o in term["themes"].options] == vocabularies.themes.ids
    assert term["aliases"].widget == "lines"
    assert term["perspectives.*.source.year"].widget == "number"
    assert term["perspectives.*.source.year"].value_type == "integer"
    assert term["perspectives.*.source.url"].widget == "url"
    assert term["working_definition"].widget == "textarea"  # at most 40 words: a box of several lines
    assert term["perspectives.*.stance"].describe_options  # five options, each with its meaning
    evidence = {field.path: field for field in forms["evidence"].fields}
    rating = evidence["confidence.rating"]
    assert (rating.widget, rating.value_type) == ("select", "integer")
    assert [o.value for o in rating.options] == vocabularies.confidence_levels.ids
    places = {field.path: field for field in forms["organisation"].fields}
    assert places["places.*.lat"].value_type == "number"


def test_input_names_are_the_field_paths_the_build_reports(forms):
    names = {field.name for field in forms["term"].fields}
    assert "perspectives[0].source.year" in names
    assert {field.name for field in forms["perspective"].fields} >= {"term", "attributed_to", "source.title"}
    ids = [field.input_id for form in forms.values() for field in form.fields]
    assert all(re.fullmatch(r"[a-z0-9-]+", input_id) for input_id in ids)


def test_a_vocabulary_entry_added_to_the_schema_reaches_the_form(defs, vocabularies):
    changed = copy.deepcopy(defs)
    themes = changed["term"]["properties"]["themes"]["items"]
    themes["enum"].append("new-theme")
    themes["x-titles"].append("A new theme")
    themes["enumDescriptions"].append("A new theme: for the test")
    form = suggest.suggest_forms(changed, vocabularies)[0]
    options = next(field for field in form.fields if field.path == "themes").options
    assert options[-1] == suggest.Option("new-theme", "A new theme", "for the test")


def test_a_field_the_readers_no_longer_know_fails_loudly(defs, vocabularies):
    changed = copy.deepcopy(defs)
    del changed["term"]["properties"]["group"]
    with pytest.raises(KeyError):
        suggest.suggest_forms(changed, vocabularies)


def test_a_field_the_readers_start_requiring_is_marked_required(defs, vocabularies):
    changed = copy.deepcopy(defs)
    changed["story"]["required"].append("summary")
    story = next(form for form in suggest.suggest_forms(changed, vocabularies) if form.id == "story")
    assert next(field for field in story.fields if field.path == "summary").required


def test_every_field_has_a_label_and_plain_help(forms):
    for form in forms.values():
        for field in form.fields:
            assert field.label, (form.id, field.path)
            # The file's workings stay out of the help a person reads.
            assert "vocabulary" not in field.hint and " ids" not in field.hint, (form.id, field.path, field.hint)


# -- answers as the page's script collects them ------------------------------------------------
def _put(values: dict, name: str, value: Any) -> None:
    """hb-suggest.js's put(): "perspectives[0].source.year" -> values["perspectives"][0]["source"]["year"]."""
    parts: list[str | int] = []
    for part in name.split("."):
        found = re.fullmatch(r"([^\[]+)((?:\[\d+\])*)", part)
        assert found
        parts.append(found.group(1))
        parts += [int(index) for index in re.findall(r"\d+", found.group(2))]
    at: Any = values
    for here, following in zip(parts, parts[1:], strict=False):
        if isinstance(at, list) and len(at) <= int(here):
            at.append([] if isinstance(following, int) else {})
        elif isinstance(at, dict) and here not in at:
            at[here] = [] if isinstance(following, int) else {}
        at = at[here]
    at[parts[-1]] = value


def collect(form: suggest.SuggestForm, answers: dict[str, Any]) -> dict:
    """The values hb-suggest.js makes of ``answers`` (by input name): empty answers left out,
    numbers as numbers (text that is no number stays text), lists as lists, text trimmed."""
    values: dict = {}
    for field in form.fields:
        answer = answers.get(field.name)
        if isinstance(answer, str):
            answer = answer.strip()
        if answer in (None, "", []) or field.context or field.name == "body":
            continue
        if field.value_type == "integer" and re.fullmatch(r"[-+]?\d+", answer):
            answer = int(answer)
        elif field.value_type == "number" and re.fullmatch(r"[-+]?(\d+\.?\d*|\.\d+)", answer):
            answer = float(answer)  # else the text, as YAML reads it (and the build refuses it)
        _put(values, field.name, answer)
    return values


VALID_ANSWERS = {
    "term": {
        "term": "Community anchor",
        "group": "the-work",
        "working_definition": "A local organisation that holds a place's relationships together over time.",
        "perspectives[0].attributed_to": "Locality",
        "perspectives[0].definition": "Community-led organisations rooted in a place, owning assets and lasting.",
        "perspectives[0].stance": "origin",
        "perspectives[0].source.title": "Places we love",
        "perspectives[0].source.year": "2018",
        "themes": ["place"],
    },
    "story": {
        "title": "A kitchen table in Swansea",
        "story_type": "volunteer-story",
        "storytellers[0].name": "Anonymous",
        "storytellers[0].naming": "anonymous",
        "place.town": "Swansea",
        "place.nation": "wales",
        "date": "2024-05",
    },
    "organisation": {
        "name": "A tenants' forum",
        "nations": ["wales"],
        "listing.basis": "public-source",
        "listing.source": "https://example.org/about",
        "places[0].name": "Swansea",
        "places[0].lat": "51.62",
        "places[0].lon": "-3.94",
        "places[0].source": "https://example.org/about",
    },
    "evidence": {
        "title": "A study",
        "authors": ["Holt-Lunstad, Julianne"],
        "year": "2010",
        "evidence_type": "meta-analysis",
        "confidence.rating": "3",
        "confidence.rationale": "Many studies pooled, consistent results.",
        "key_findings": ["Stronger social relationships go with longer lives."],
    },
}


@pytest.mark.parametrize("form_id", sorted(VALID_ANSWERS))
def test_valid_answers_make_front_matter_the_build_accepts(form_id, forms, vocabularies):
    form = forms[form_id]
    values = collect(form, VALID_ANSWERS[form_id])
    problems, _ = build_problems(form.definition, values, vocabularies)
    left = [p for p in problems if not any(p.field.startswith(m.split(".")[0]) for m in form.maintainer_fields)]
    assert not left, [str(problem) for problem in left]


def test_a_perspective_is_one_entry_of_a_terms_perspectives(forms, vocabularies):
    form = forms["perspective"]
    perspective = collect(
        form,
        {"term": "co-production", "attributed_to": "Someone", "definition": "In their words.", "stance": "extends"},
    )
    assert "term" not in perspective  # which term is the suggestion's context, not a field of it
    term = collect(forms["term"], VALID_ANSWERS["term"])
    term["perspectives"].append(perspective)
    problems, _ = build_problems("term", term, vocabularies)
    assert not problems, [str(problem) for problem in problems]


def test_the_page_data_holds_each_forms_definition(forms, defs):
    data = suggest.page_data(list(forms.values()), suggest.definitions(defs))
    for form in forms.values():
        assert form.definition in data["$defs"]
        assert data["forms"][form.id]["definition"] == form.definition
    assert data["forms"]["story"]["maintainerFields"] == ["publication"]
    assert data["$defs"]["perspective"] == suggest.lean(defs["term"]["properties"]["perspectives"]["items"])
    assert "description" not in data["$defs"]["term"] and "description" in defs["term"]
    assert data["$defs"]["correction"]["required"] == ["page", "wrong", "correction"]


def test_the_pages_copy_of_a_definition_leaves_out_only_words_for_people():
    schema = {
        "description": "for people",
        "properties": {
            "description": {"type": "string", "description": "x"},
            "a": {"enum": ["b"], "enumDescriptions": ["c"]},
        },
        "allOf": [{"title": "rule", "description": "y", "if": {}, "then": {}}],
    }
    assert suggest.lean(schema) == {
        "properties": {"description": {"type": "string"}, "a": {"enum": ["b"]}},
        "allOf": [{"title": "rule", "if": {}, "then": {}}],
    }


# -- the markup of one question (templates/contribute/fields.html) ---------------------------------
WIDGETS = ("text", "textarea", "lines", "select", "checkboxes", "date", "number", "url", "checkbox")


def rendered_field(tmp_path, field: suggest.FormField) -> lxml.html.HtmlElement:
    from handbook.languages.catalogue import Messages, install
    from handbook.pages.render import make_environment

    env = make_environment(tmp_path, template_cache=False)
    install(env, Messages())  # _() in English, as the site's renderer installs it
    template = env.from_string('{% from "contribute/fields.html" import field %}{{ field(form, f) }}')
    return lxml.html.fragment_fromstring(template.render(form={"id": "story"}, f=field), create_parent="div")


@pytest.mark.parametrize("widget", WIDGETS)
def test_each_widget_is_labelled_hinted_and_named(tmp_path, widget):
    options = (suggest.Option("a", "A <b>", "first"), suggest.Option("b", "B", ""))
    field = suggest.FormField(
        "storytellers.*.name",
        "Their <name>",
        "A hint & more",
        widget,
        True,
        "list" if widget == "checkboxes" else "string",
        options if widget in ("select", "checkboxes") else (),
        describe_options=widget == "select",
    )
    html = rendered_field(tmp_path, field)
    wrapper = html.xpath("//*[@data-hb-field]")[0]
    assert wrapper.get("data-hb-field") == "storytellers[0].name"
    controls = html.xpath("//input | //select | //textarea")
    assert controls and all(control.get("name") == "storytellers[0].name" for control in controls)
    if widget == "checkboxes":
        fieldset = html.xpath("//fieldset")[0]
        assert fieldset.xpath("./legend")[0].text_content().strip() == "Their <name> (required)"
        assert fieldset.get("aria-describedby") == "story-storytellers-name-hint"
        for box in controls:
            assert html.xpath(f"//label[@for='{box.get('id')}']")[0].text_content() in ("A <b>", "B")
    else:
        (control,) = controls
        assert control.get("id") == "story-storytellers-name"
        label = html.xpath("//label[@for='story-storytellers-name']")[0]
        assert label.text_content().strip() == "Their <name> (required)"
        assert control.get("aria-describedby") == "story-storytellers-name-hint"
        assert control.get("required") is not None
    hint = html.xpath("//*[@id='story-storytellers-name-hint']")[0]
    assert "A hint & more" in hint.text_content()
    if widget == "select":
        assert [o.get("value") for o in controls[0].xpath("./option")] == ["", "a", "b"]
        assert "A <b>: first" in hint.text_content()  # what each option means, where known
    error = html.xpath("//*[@id='story-storytellers-name-error']")[0]
    assert error.get("hidden") is not None and not error.text_content().strip()
