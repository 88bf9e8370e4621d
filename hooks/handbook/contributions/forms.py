"""The contribution forms of /contribute/suggest/: each form's fields, built from the schema.

A form declares only what a person is asked and in which words (``FORMS``: the field
paths in order, a plain label and hint where the GitHub issue form has none to lend);
everything the build decides comes from the kind's definition in the content schema
(``contributions.schema``, derived from the readers): whether a field is required, its
widget (a vocabulary gives a select, or checkboxes for a list of ids; a date, a number, a
web address, a list of texts written one per line), its options with their titles, its
limits. So a reader that starts requiring a field, or a vocabulary that gains an entry,
changes the form with no edit here; a path the reader no longer knows fails loudly.

Repeatable groups are kept to one entry (one perspective, one storyteller, one place),
written ``perspectives.*.definition`` here and ``perspectives[0].definition`` as the
input's name, which is how ``handbook check`` (and the browser's validator) name it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from handbook.content.vocabulary import Vocabularies
from handbook.contributions.issue_forms import form_for
from handbook.contributions.recording_reader import PLAIN_TEXT, Schema
from handbook.languages import N_

Widget = Literal["text", "textarea", "lines", "select", "checkboxes", "date", "number", "url", "checkbox"]
# How the page's script turns an input's value into the file's value.
ValueType = Literal["string", "integer", "number", "list", "boolean"]
TEXTAREA_WORDS = 12  # text limited to more words than this is written in a box of several lines
DESCRIBED_OPTIONS = 8  # a single choice of at most this many options lists what each one means


@dataclass(frozen=True)
class Option:
    value: str
    title: str
    description: str = ""
    language: str | None = None  # "en" for a vocabulary label left in English in another language's build


@dataclass(frozen=True)
class FormField:
    path: str  # the schema path from the form's definition: "source.year", "storytellers.*.name"
    label: str
    hint: str
    widget: Widget
    required: bool
    value_type: ValueType = "string"
    options: tuple[Option, ...] = ()
    describe_options: bool = False  # the hint is followed by what each option means
    minimum: float | None = None
    maximum: float | None = None
    context: bool = False  # fills the suggestion's context (which term), not a field of the file
    # Whether the label and the hint are interface text (N_, translated where shown), or English
    # content lent by the issue form or the content model (shown as it is, in lang="en").
    label_interface: bool = False
    hint_interface: bool = False

    @property
    def name(self) -> str:
        """The field as ``handbook check`` names it: ``perspectives[0].source.year``."""
        return self.path.replace(".*", "[0]")

    @property
    def input_id(self) -> str:
        """The part of the input's id after its form's id (letters, digits, hyphens)."""
        return "".join(c if c.isalnum() else "-" for c in self.name.replace("[0]", "")).strip("-")


@dataclass(frozen=True)
class Group:
    """Fields filling one entry of a list (``perspectives.*``) or one set of fields (``place``): a fieldset."""

    legend: str
    hint: str
    fields: tuple[FormField, ...]


@dataclass(frozen=True)
class SuggestForm:
    id: str  # the section's id and ?form= value: term, perspective, story, organisation, evidence, correction
    title: str
    intro: str
    definition: str  # the key of its definition in the page's schema ($defs): a kind, perspective or correction
    entries: tuple[FormField | Group, ...]
    body: FormField | None = None  # the file's Markdown text, where the form has one
    maintainer_fields: tuple[str, ...] = ()  # required fields a maintainer fills once it reaches them
    maintainer_note: str = ""
    issue_form: str = ""  # the GitHub issue form asking the same (file name)
    submit: str = N_("Check and prepare")

    @property
    def fields(self) -> list[FormField]:
        out: list[FormField] = []
        for entry in self.entries:
            out += list(entry.fields) if isinstance(entry, Group) else [entry]
        return out


# -- what each form asks, in plain words -------------------------------------------------------
@dataclass(frozen=True)
class Ask:
    """One question: the field path, and the words when the issue form lends none (or other ones)."""

    path: str
    label: str = ""
    hint: str = ""
    long: bool = False  # a box of several lines
    vocabulary: str | None = None  # options from this vocabulary where the schema gives a number (a rating)


@dataclass(frozen=True)
class AskGroup:
    legend: str
    hint: str
    asks: tuple[Ask, ...]


@dataclass(frozen=True)
class FormPlan:
    id: str
    title: str
    intro: str
    definition: str
    asks: tuple[Ask | AskGroup, ...]
    issue_kind: str  # the issue form whose wording is borrowed
    prefix: str = ""  # the issue form's field paths start with this ("perspectives.*." for a perspective)
    body: Ask | None = None
    body_required: bool = False
    maintainer_fields: tuple[str, ...] = ()
    maintainer_note: str = ""


_THEMES = Ask("themes", N_("Which themes does it touch?"), N_("Tick any that fit."))


def _perspective_asks(prefix: str) -> tuple[Ask, ...]:
    return (
        Ask(f"{prefix}attributed_to", hint=N_("A real, named person or organisation.")),
        Ask(f"{prefix}definition", hint=N_("Paraphrase what they say it means: do not copy their words."), long=True),
        Ask(f"{prefix}stance"),
    )


def _source_group(prefix: str, hint: str) -> AskGroup:
    return AskGroup(
        N_("Where they say it"),
        hint,
        (
            Ask(f"{prefix}source.title", N_("Its exact title")),
            Ask(f"{prefix}source.year", N_("Its year"), N_("The year it was published, such as 2019.")),
            Ask(f"{prefix}source.url", N_("A link to it"), N_("The full address, starting https://")),
        ),
    )


PLANS: tuple[FormPlan, ...] = (
    FormPlan(
        "term",
        N_("Suggest a new term"),
        N_(
            "A relational word or phrase the glossary should explain: a short working definition of how "
            "this handbook uses it, and at least one perspective from a real, named person or organisation."
        ),
        "term",
        (
            Ask("term", hint=N_("As it is usually written, such as Community anchor.")),
            Ask(
                "aliases",
                N_("Other spellings or near-synonyms"),
                N_(
                    "One per line. Each one becomes a link to the term wherever it appears, so leave out everyday words."
                ),
            ),
            Ask("group", hint=N_("The part of the glossary it belongs in.")),
            Ask("working_definition", hint=N_("How this handbook uses the term, in plain words.")),
            AskGroup(
                N_("Who uses the term, and how"),
                N_("One perspective to start with: others can be added later."),
                _perspective_asks("perspectives.*."),
            ),
            _source_group(
                "perspectives.*.",
                N_(
                    "The book, report, article or talk where they use the term. "
                    "Only if you are sure of it: leave it empty rather than guess."
                ),
            ),
            _THEMES,
        ),
        "term",
        body=Ask(
            "", N_("More about the term"), N_("Optional. A few paragraphs for the term's page, in your own words.")
        ),
    ),
    FormPlan(
        "perspective",
        N_("Suggest a perspective on a term"),
        N_(
            "A perspective is one named person's or organisation's understanding of a term already in the "
            "glossary, in your own words. The glossary keeps several side by side, including ones that disagree."
        ),
        "perspective",
        (
            Ask(
                "term",
                N_("Which term?"),
                N_("Its name, or the last part of its address: co-production for /glossary/co-production/."),
            ),
            *_perspective_asks(""),
            _source_group(
                "",
                N_(
                    "The book, report, article or talk where they set it out. "
                    "Only if you are sure of it: leave it empty rather than guess."
                ),
            ),
        ),
        "perspective",
        prefix="perspectives.*.",
    ),
    FormPlan(
        "story",
        N_("Propose a story"),
        N_(
            "A story of relational work, told with the consent of the people in it. A maintainer contacts you "
            "to confirm the storytellers' consent and records it: nothing is published before that."
        ),
        "story",
        (
            Ask("title", hint=N_("A short title, as you would give it to the story.")),
            Ask("summary", N_("The story in one sentence")),
            Ask("story_type"),
            AskGroup(
                N_("The storyteller"),
                N_("The person who tells the story, named as they chose."),
                (
                    Ask("storytellers.*.name", hint=N_("Their full name, a first name, a pseudonym, or Anonymous.")),
                    Ask("storytellers.*.naming"),
                    Ask("storytellers.*.role", hint=N_("Such as Volunteer at a community centre.")),
                ),
            ),
            AskGroup(
                N_("Where it happened"),
                N_("Leave these empty if the storyteller would rather not say."),
                (Ask("place.town", N_("Town or city")), Ask("place.nation", N_("Nation"))),
            ),
            Ask("date", N_("When did it happen?"), N_("A year (2024) or a month (2024-05).")),
            _THEMES,
        ),
        "story",
        body=Ask(
            "",
            N_("The story"),
            N_("In the storytellers' words where they agreed to it: only what they agreed to share publicly."),
        ),
        body_required=True,
        maintainer_fields=("publication",),
        maintainer_note=N_("A maintainer adds how the storytellers' consent was recorded (publication)."),
    ),
    FormPlan(
        "organisation",
        N_("Add an organisation"),
        N_(
            "An organisation for the Relationships Map: your own (self-listed, in its own words), or one you "
            "know from a public page that says what it does."
        ),
        "organisation",
        (
            Ask("name", N_("The organisation's name")),
            Ask("org_type", N_("What kind of organisation is it?")),
            Ask("nations", N_("Where does it work?"), N_("Tick all that apply.")),
            Ask("website", N_("Its website"), N_("The full address, starting https://")),
            AskGroup(
                N_("Why it is listed"),
                N_("Either you represent it (self-listed), or a public page says what it does."),
                (
                    Ask("listing.basis", N_("How is it listed?")),
                    Ask(
                        "listing.by",
                        N_("Your name, or your GitHub @handle"),
                        N_("Self-listed only: shown as the person who listed it."),
                    ),
                    Ask(
                        "listing.source",
                        N_("The public page about it"),
                        N_("Listed from a public source only: the full address of the page that says what it does."),
                    ),
                ),
            ),
            Ask(
                "what_we_do",
                N_("What does it do, in its own words?"),
                N_("Self-listed only: a few sentences, shown on its page."),
                long=True,
            ),
            AskGroup(
                N_("Where it is"),
                N_(
                    "One place for the map; more can be added later. Write UK-wide or online for work with no one place."
                ),
                (
                    Ask("places.*.name", N_("Place name"), N_("A town or city, or UK-wide, or online.")),
                    Ask(
                        "places.*.lat",
                        N_("Latitude"),
                        N_("For a town or city: such as 51.62. Leave empty for UK-wide."),
                    ),
                    Ask(
                        "places.*.lon",
                        N_("Longitude"),
                        N_("For a town or city: such as -3.94 (west of Greenwich is minus)."),
                    ),
                    Ask(
                        "places.*.source",
                        N_("Where it says it is there"),
                        N_("For a town or city: the public page that says the organisation is there."),
                    ),
                ),
            ),
            _THEMES,
        ),
        "organisation",
        body=Ask("", N_("More about the organisation"), N_("Optional. A few paragraphs for its page.")),
        maintainer_fields=("listing.record",),
        maintainer_note=N_(
            "For a self-listed entry a maintainer adds where it was agreed (the pull request's address)."
        ),
    ),
    FormPlan(
        "evidence",
        N_("Suggest evidence"),
        N_(
            "A real, findable publication: a study, review, evaluation or report. Never guess: leave a field "
            "empty rather than guess an author, a link, a DOI or a figure."
        ),
        "evidence",
        (
            Ask("title", N_("The publication's exact title")),
            Ask("authors", hint=N_("One per line, each as Surname, Given names, or an organisation's name.")),
            Ask("year", N_("Year of publication")),
            Ask("evidence_type"),
            Ask("publisher", N_("Journal or publisher")),
            Ask(
                "url",
                N_("A link to it"),
                N_(
                    "The full address, starting https://. Only if you are sure of it: leave it empty rather than guess."
                ),
            ),
            Ask("doi"),
            Ask("outcomes", N_("Which outcomes does it look at?"), N_("Tick any that fit.")),
            Ask("key_findings", hint=N_("One per line, in your own words.")),
            Ask("findings_direction"),
            AskGroup(
                N_("How strong the evidence is"),
                N_("Kept apart from what it found: see how we rate confidence."),
                (
                    Ask("confidence.rating", N_("How strong is it?"), vocabulary="confidence_levels"),
                    Ask("confidence.rationale", long=True),
                ),
            ),
            Ask("summary", N_("A plain-language summary"), long=True),
            _THEMES,
        ),
        "evidence",
        body=Ask("", N_("Notes"), N_("Optional. Anything more a reader should know about it, in your own words.")),
    ),
)

CORRECTION_FIELDS = (
    # (name, label, hint, required, long)
    (
        "page",
        N_("Which page?"),
        N_("Its address, copied from the browser (filled in when you came from the page)."),
        True,
    ),
    ("wrong", N_("What is wrong?"), N_("Quote the words, or say what is missing or out of date."), True),
    ("correction", N_("What should it say?"), N_("The wording you suggest."), True),
    ("source", N_("How do you know?"), N_("Optional. A link or a reference, if you have one."), False),
)


def correction_definition() -> Schema:
    """A correction is no file: a small schema for its answers, for the browser's validator."""
    text: Schema = {"type": "string", "pattern": PLAIN_TEXT}
    return {
        "title": "Correction",
        "type": "object",
        "properties": {
            name: {**text, "minLength": 1} if required else text for name, _, _, required in CORRECTION_FIELDS
        },
        "required": [name for name, _, _, required in CORRECTION_FIELDS if required],
        "additionalProperties": False,
    }


def definitions(kinds_schema: dict[str, Schema]) -> dict[str, Schema]:
    """The definitions the forms validate against: their kinds', a perspective (one entry of a
    term's perspectives) and a correction."""
    used = {plan.definition for plan in PLANS if plan.definition in kinds_schema}
    out = {name: kinds_schema[name] for name in sorted(used)}
    out["perspective"] = kinds_schema["term"]["properties"]["perspectives"]["items"]
    out["correction"] = correction_definition()
    return out


# -- building the forms from the schema --------------------------------------------------------
def suggest_forms(kinds_schema: dict[str, Schema], vocabularies: Vocabularies) -> list[SuggestForm]:
    """Every form, in the page's order; ``kinds_schema`` is the content schema's ``$defs``."""
    defs = definitions(kinds_schema)
    forms = [_form(plan, defs[plan.definition], vocabularies) for plan in PLANS]
    fields = tuple(
        FormField(
            name,
            label,
            hint,
            "textarea" if name in ("wrong", "correction", "source") else "text",
            required,
            label_interface=True,
            hint_interface=True,
        )
        for name, label, hint, required in CORRECTION_FIELDS
    )
    forms.append(
        SuggestForm(
            "correction",
            N_("Suggest a correction"),
            N_("Something on a page that is wrong, out of date or unclear. A maintainer checks it and edits the page."),
            "correction",
            fields,
            issue_form=form_for("correction").file_name,
            submit=N_("Check and prepare the correction"),
        )
    )
    return forms


def _form(plan: FormPlan, definition: Schema, vocabularies: Vocabularies) -> SuggestForm:
    def made(ask: Ask) -> FormField:
        return _field(plan, ask, definition, vocabularies)

    entries: list[FormField | Group] = []
    for ask in plan.asks:
        if isinstance(ask, AskGroup):
            entries.append(Group(ask.legend, ask.hint, tuple(made(each) for each in ask.asks)))
        else:
            entries.append(made(ask))
    body = None
    if plan.body is not None:
        body = FormField(
            "body",
            plan.body.label,
            plan.body.hint,
            "textarea",
            plan.body_required,
            label_interface=True,
            hint_interface=True,
        )
    issue = form_for(plan.issue_kind)
    return SuggestForm(
        plan.id,
        plan.title,
        plan.intro,
        plan.definition,
        tuple(entries),
        body,
        plan.maintainer_fields,
        plan.maintainer_note,
        issue.file_name,
    )


def _borrowed(plan: FormPlan, path: str) -> tuple[str, str]:
    """The issue form's label and description for the question filling ``path``, if any."""
    for question in form_for(plan.issue_kind).questions:
        if question.field is not None and question.field == plan.prefix + path:
            return _without_optional(question.label), question.description
    return "", ""


def _without_optional(label: str) -> str:
    return label.removesuffix(" (optional)")


def field_schema(definition: Schema, path: str) -> tuple[Schema, bool]:
    """The schema at a field path (dots, "*" for a list's entry) and whether an item must have
    it (it and every field above it required). KeyError when the readers no longer know it."""
    schema = definition
    required = True
    for part in path.split("."):
        if part == "*":
            schema = schema["items"]
            continue
        required = required and part in schema.get("required", [])
        schema = schema["properties"][part]
    return schema, required


def _field(plan: FormPlan, ask: Ask, definition: Schema, vocabularies: Vocabularies) -> FormField:
    borrowed_label, borrowed_hint = _borrowed(plan, ask.path)
    label = ask.label or borrowed_label
    hint = ask.hint or borrowed_hint
    words: dict[str, Any] = {"label_interface": bool(ask.label), "hint_interface": bool(ask.hint)}
    if plan.id == "perspective" and ask.path == "term":  # which term: the suggestion's context
        return FormField("term", label, hint, "text", True, context=True, **words)
    schema, required = field_schema(definition, ask.path)
    if not label:
        raise ValueError(f"{plan.id}: {ask.path} has no label (the issue form lends none)")
    if not hint:
        hint = _plain_description(schema)
    common: dict[str, Any] = {"path": ask.path, "label": label, "hint": hint, "required": required, **words}
    if schema.get("type") == "array":
        items = schema.get("items", {})
        if "enum" in items:
            return FormField(**common, widget="checkboxes", value_type="list", options=_options(items, vocabularies))
        return FormField(**common, widget="lines", value_type="list")
    if ask.vocabulary is not None:  # a number chosen from a vocabulary (a confidence rating)
        entries = getattr(vocabularies, ask.vocabulary)
        options = tuple(Option(entry.id, entry.title, entry.description or "", entry.language) for entry in entries)
        return FormField(**common, widget="select", value_type="integer", options=options, describe_options=True)
    if "enum" in schema:
        options = _options(schema, vocabularies)
        described = len(options) <= DESCRIBED_OPTIONS and any(option.description for option in options)
        return FormField(**common, widget="select", options=options, describe_options=described)
    kind = schema.get("type")
    if kind in ("integer", "number"):
        return FormField(
            **common,
            widget="number",
            value_type=kind,
            minimum=schema.get("minimum"),
            maximum=schema.get("maximum"),
        )
    if kind == "boolean":
        return FormField(**common, widget="checkbox", value_type="boolean")
    if schema.get("format") == "date":
        return FormField(**common, widget="date")
    if schema.get("format") == "uri":
        return FormField(**common, widget="url")
    long = ask.long or _words_allowed(schema) > TEXTAREA_WORDS
    return FormField(**common, widget="textarea" if long else "text")


def _words_allowed(schema: Schema) -> int:
    for rule in schema.get("allOf", []):
        pattern = rule.get("pattern", "")
        if "{0," in pattern:  # recording_reader.at_most_words
            return int(pattern.split("{0,")[1].split("}")[0]) + 1
    return 0


def _options(schema: Schema, vocabularies: Vocabularies | None = None) -> tuple[Option, ...]:
    """A vocabulary's ids with their titles and meanings (enumDescriptions read "Title: meaning"),
    and the language of each title when the vocabulary holding exactly these ids says it."""
    ids = schema["enum"]
    titles = schema.get("x-titles") or ids
    meanings = schema.get("enumDescriptions") or titles
    vocabulary = next(
        (v for v in (vocabularies.by_name.values() if vocabularies else ()) if [str(i) for i in ids] == v.ids),
        None,
    )
    out = []
    for value, title, meaning in zip(ids, titles, meanings, strict=False):
        described = meaning[len(title) + 2 :] if meaning.startswith(f"{title}: ") else ""
        entry = vocabulary.entry(value) if vocabulary else None
        out.append(Option(str(value), str(title), described, entry.language if entry else None))
    return tuple(out)


def _plain_description(schema: Schema) -> str:
    """The schema's own description, for a field the form gives no hint, less what speaks of
    the file's workings (a vocabulary's name, lists of ids): people see the options instead."""
    text = str(schema.get("description", ""))
    sentences = [part.strip().rstrip(".") for part in text.split(". ") if part.strip()]
    kept = [part for part in sentences if not any(word in part for word in ("vocabulary", " id", "list"))]
    return " ".join(f"{part[0].upper()}{part[1:]}." for part in kept)


# Keywords for people and editors (the page shows its own hints), left out of the page's copy.
FOR_PEOPLE = ("description", "enumDescriptions")


def lean(schema: Any) -> Any:
    """A schema without its FOR_PEOPLE keywords; a field of that name in ``properties`` stays."""
    if isinstance(schema, list):
        return [lean(entry) for entry in schema]
    if not isinstance(schema, dict):
        return schema
    return {
        key: {name: lean(field) for name, field in value.items()} if key == "properties" else lean(value)
        for key, value in schema.items()
        if key not in FOR_PEOPLE
    }


def page_data(forms: list[SuggestForm], defs: dict[str, Schema]) -> dict[str, Any]:
    """The JSON the page embeds (``<script type="application/json" id="hb-suggest-schema">``):
    the definitions as the validator reads them, without the words meant for people."""
    return {
        "$defs": lean(defs),
        "forms": {
            form.id: {
                "definition": form.definition,
                "maintainerFields": list(form.maintainer_fields),
                "hasBody": form.body is not None,
            }
            for form in forms
        },
    }
