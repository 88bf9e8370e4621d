"""GitHub issue forms, one per kind a newcomer suggests, generated from the content model.

Each form is a short, declared list of questions (``FORMS``); a question that offers a
choice names the vocabulary it comes from, so its options are the vocabulary's titles in
``docs/vocabularies.yml`` and its help text their descriptions. ``render_form`` writes a
form as GitHub's issue-form YAML (``.github/ISSUE_TEMPLATE/*.yml``) with a YAML dumper;
``handbook issue-forms --write`` writes them all, and a test checks that the committed
files are exactly what this module writes, so a vocabulary changed without regenerating
them fails the tests. ``from_issue`` reads the bodies GitHub makes from these forms.

The questions are declared here: their wording, their order and what a newcomer can be
asked are each form's own. Each names the field it fills, and ``schema_disagreements``
holds them to the JSON Schema derived from the readers (``contributions.schema``): a field
the readers stop reading or start requiring, or whose options change, fails the tests
until its form follows. ``from_issue`` writes the answers into those fields; a round trip
per form proves that they reach a file the readers (and the schema) accept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from urllib.parse import urlencode

import yaml

from handbook.content.vocabulary import Vocabularies

FORMS_DIR = Path(".github") / "ISSUE_TEMPLATE"
# The files of that folder this module does not write.
HAND_WRITTEN = ("config.yml",)
GENERATED_NOTE = (
    "# Written by `handbook issue-forms --write` from hooks/handbook/contributions/issue_forms.py\n"
    "# and docs/vocabularies.yml: change those, then run it again, rather than editing this file.\n"
)

QuestionType = Literal["input", "textarea", "dropdown", "checkboxes"]

# GitHub's rules for a form (docs.github.com, "Common validation errors when creating
# issue forms"), checked by ``form_problems``.
_GITHUB_ID = re.compile(r"^[A-Za-z0-9_-]+$")
_FORBIDDEN_LABEL_WORDS = ("password",)
RESERVED_OPTION = "None"  # what GitHub writes for a dropdown left empty


@dataclass(frozen=True)
class Question:
    id: str  # the element's id: letters, digits, '-' and '_'
    type: QuestionType
    label: str  # also the heading of its answer in the issue body: unique in its form
    description: str = ""
    placeholder: str = ""
    required: bool = False
    vocabulary: str | None = None  # a dropdown's options: this vocabulary's titles
    multiple: bool = False  # a dropdown that takes several options
    describe_options: bool = False  # the description lists each option's description
    confirmations: tuple[str, ...] = ()  # a checkboxes element's boxes, each one required
    fills: str | None = None  # the front matter field it fills ("perspectives.*.stance"), when not its id
    no_field: bool = False  # it fills no field (the body, or which file to change)

    @property
    def field(self) -> str | None:
        """The field path its answer fills, as the schema names it; None for the body and confirmations."""
        return None if self.no_field or self.type == "checkboxes" else (self.fills or self.id)


@dataclass(frozen=True)
class IssueForm:
    kind: str  # what `handbook from-issue --kind` calls it
    file_name: str
    name: str
    description: str
    title: str  # the issue's title, for the contributor to complete
    labels: tuple[str, ...]
    intro: str  # Markdown shown above the questions (not part of the issue's body)
    questions: tuple[Question, ...]
    item_kind: str | None = None  # the kind of file it makes or changes (default: its kind); "": none
    part: str = ""  # the part of that file it writes ("perspectives.*"), when not the whole
    from_the_maintainer: tuple[str, ...] = ()  # required fields only a maintainer fills (from-issue's options)

    @property
    def writes(self) -> str | None:
        """The kind of item whose schema its answers must fit; None: it makes no file."""
        return self.kind if self.item_kind is None else (self.item_kind or None)

    def question(self, question_id: str) -> Question:
        return next(question for question in self.questions if question.id == question_id)


_SURE = "Only if you are sure of it: leave it empty rather than guess."
_OWN_WORDS = "Your words"


def _source_questions(what: str) -> tuple[Question, ...]:
    return (
        Question(
            "source_title",
            "input",
            "Where did they say it? The exact title",
            description=f"The title of the book, report, article or talk {what}. {_SURE}",
            fills="perspectives.*.source.title",
        ),
        Question(
            "source_year",
            "input",
            "Its year",
            placeholder="2019",
            description=_SURE,
            fills="perspectives.*.source.year",
        ),
        Question(
            "source_url",
            "input",
            "A link to it",
            placeholder="https://",
            description=_SURE,
            fills="perspectives.*.source.url",
        ),
    )


TERM = IssueForm(
    kind="term",
    file_name="suggest-term.yml",
    name="Suggest a term",
    description="A relational term or phrase the glossary should explain.",
    title="Term: ",
    labels=("glossary", "suggestion"),
    intro=(
        "The glossary does not police definitions: each term has a short working definition "
        "(how this handbook uses it) and perspectives attributed to real, named people or "
        "organisations. A maintainer turns this issue into a pull request; you will be asked "
        "before anything is changed."
    ),
    questions=(
        Question(
            "term",
            "input",
            "The term",
            description="As it is usually written.",
            placeholder="Community anchor",
            required=True,
        ),
        Question(
            "aliases",
            "textarea",
            "Other spellings or near-synonyms",
            description="One per line. Each is linked to the term wherever it appears, so leave out everyday words.",
        ),
        Question("group", "dropdown", "Which group does it belong to?", required=True, vocabulary="term_groups"),
        Question(
            "working_definition",
            "textarea",
            "How would you define it? (at most 40 plain words)",
            description="How this handbook would use the term, in plain words.",
            required=True,
        ),
        Question(
            "attributed_to",
            "input",
            "Who uses the term this way?",
            description="A real, named person or organisation.",
            required=True,
            fills="perspectives.*.attributed_to",
        ),
        Question(
            "definition",
            "textarea",
            "How do they understand it? In your own words",
            description="Paraphrase what they say the term means; do not copy their words.",
            required=True,
            fills="perspectives.*.definition",
        ),
        Question(
            "stance",
            "dropdown",
            "Is theirs where the term comes from, or a later reading?",
            required=True,
            vocabulary="perspective_stances",
            describe_options=True,
            fills="perspectives.*.stance",
        ),
        *_source_questions("where they use the term"),
        Question("themes", "dropdown", "Which themes does it touch? (optional)", vocabulary="themes", multiple=True),
        Question(
            "own_words",
            "checkboxes",
            _OWN_WORDS,
            confirmations=(
                "The definitions above are in my own words, and I agree to them being published under CC BY 4.0.",
            ),
        ),
    ),
)

PERSPECTIVE = IssueForm(
    kind="perspective",
    file_name="suggest-perspective.yml",
    name="Suggest a perspective",
    description="Another way of understanding a term that is already in the glossary.",
    title="Perspective: ",
    labels=("glossary", "perspective"),
    intro=(
        "A perspective is one named person's or organisation's understanding of a term, "
        "paraphrased. The glossary keeps several side by side, including ones that disagree."
    ),
    questions=(
        Question(
            "term",
            "input",
            "Which term?",
            description="Its name, or the last part of its address: co-production for /glossary/co-production/.",
            required=True,
            no_field=True,  # which term's file to add it to
        ),
        Question(
            "attributed_to",
            "input",
            "Whose perspective is it?",
            description="A real, named person or organisation.",
            required=True,
            fills="perspectives.*.attributed_to",
        ),
        Question(
            "stance",
            "dropdown",
            "How does it relate to the other perspectives?",
            required=True,
            vocabulary="perspective_stances",
            describe_options=True,
            fills="perspectives.*.stance",
        ),
        Question(
            "definition",
            "textarea",
            "The perspective, paraphrased in your own words",
            required=True,
            fills="perspectives.*.definition",
        ),
        *_source_questions("where they set it out"),
        Question(
            "own_words",
            "checkboxes",
            _OWN_WORDS,
            confirmations=("This is paraphrased in my own words, and I agree to it being published under CC BY 4.0.",),
        ),
    ),
    item_kind="term",
    part="perspectives.*",
)

STORY = IssueForm(
    kind="story",
    file_name="propose-story.yml",
    name="Propose a story",
    description="A case story of relational work, with the storytellers' consent.",
    title="Story: ",
    labels=("story", "suggestion"),
    intro=(
        "A story is published **only with the consent of the people who tell it, recorded by "
        "one of the maintainers**. Issues are public: put nothing here that the storytellers "
        "have not agreed to share publicly. A maintainer will contact you to confirm their "
        "consent and record it; nothing is published before that."
    ),
    questions=(
        Question("title", "input", "A title for the story", required=True),
        Question("story_type", "dropdown", "What kind of story is it?", required=True, vocabulary="story_types"),
        Question(
            "story",
            "textarea",
            "The story",
            description="In the storytellers' words where they agreed to it; only what they agreed to share publicly.",
            required=True,
            no_field=True,  # the file's text
        ),
        Question("summary", "input", "The story in one sentence (optional)"),
        Question(
            "storyteller",
            "input",
            "How is the storyteller named?",
            description="The name they chose: their full name, a first name, a pseudonym, or Anonymous.",
            required=True,
            fills="storytellers.*.name",
        ),
        Question(
            "naming",
            "dropdown",
            "Which kind of name is that?",
            required=True,
            vocabulary="namings",
            fills="storytellers.*.naming",
        ),
        Question(
            "role",
            "input",
            "What do they do? (optional)",
            placeholder="Volunteer at a community centre",
            fills="storytellers.*.role",
        ),
        Question("town", "input", "Town or city (optional)", placeholder="Swansea", fills="place.town"),
        Question("nation", "dropdown", "Nation (optional)", vocabulary="nations", fills="place.nation"),
        Question(
            "date",
            "input",
            "When did it happen? (optional)",
            description="A year (2024) or a month (2024-05).",
        ),
        Question("themes", "dropdown", "Which themes does it touch? (optional)", vocabulary="themes", multiple=True),
        Question(
            "consent",
            "checkboxes",
            "Consent",
            description="We cannot publish a story without all of these.",
            confirmations=(
                "Every storyteller has agreed to their story being published on this site, under CC BY 4.0.",
                "They have agreed to how they will be named (above).",
                "I know a maintainer will contact me to confirm their consent, and that nothing is published "
                "until it is recorded.",
            ),
        ),
    ),
    from_the_maintainer=("publication",),
)

ORGANISATION = IssueForm(
    kind="organisation",
    file_name="add-organisation.yml",
    name="Add your organisation",
    description="List your organisation on the Relationships Map, in its own words.",
    title="Organisation: ",
    labels=("organisation", "suggestion"),
    intro=(
        "This lists an organisation you work for or represent (a *self-listed* entry): the "
        "entry says who listed it and links to this issue. To suggest an organisation you do "
        "not represent, open a blank issue with a public page that describes it."
    ),
    questions=(
        Question("name", "input", "The organisation's name", required=True),
        Question(
            "org_type", "dropdown", "What kind of organisation is it? (optional)", vocabulary="organisation_types"
        ),
        Question(
            "nations",
            "dropdown",
            "Where does it work?",
            description="Choose all that apply: UK-wide if it works across the UK, Outside the UK for work elsewhere.",
            required=True,
            vocabulary="nations",
            multiple=True,
        ),
        Question(
            "what_we_do",
            "textarea",
            "What does it do, in its own words?",
            description="A few sentences, shown on its page.",
            required=True,
        ),
        Question("website", "input", "Its website (optional)", placeholder="https://"),
        Question(
            "themes", "dropdown", "Which themes does its work touch? (optional)", vocabulary="themes", multiple=True
        ),
        Question(
            "listed_by",
            "input",
            "Your name, or your GitHub @handle",
            description="Shown on the entry as the person who listed it.",
            required=True,
            fills="listing.by",
        ),
        Question(
            "listing",
            "checkboxes",
            "Listing",
            confirmations=(
                "I work for or represent this organisation, and it agrees to being listed here with these details.",
            ),
        ),
    ),
    from_the_maintainer=("listing.basis", "listing.record"),
)

EVIDENCE = IssueForm(
    kind="evidence",
    file_name="suggest-evidence.yml",
    name="Suggest evidence",
    description="A real, findable publication: a study, review, evaluation or report.",
    title="Evidence: ",
    labels=("evidence", "suggestion"),
    intro=(
        "Never guess: leave a field empty rather than guess an author, a link, a DOI or a "
        "figure. A maintainer checks the publication before it is added."
    ),
    questions=(
        Question("title", "input", "The publication's title", required=True),
        Question(
            "authors",
            "textarea",
            "Authors",
            description="One per line, each as 'Surname, Given names', or an organisation's name.",
            placeholder="Holt-Lunstad, Julianne",
            required=True,
        ),
        Question("year", "input", "Year of publication", placeholder="2010", required=True),
        Question(
            "evidence_type", "dropdown", "What kind of publication is it?", required=True, vocabulary="evidence_types"
        ),
        Question("publisher", "input", "Journal or publisher (optional)"),
        Question("url", "input", "A link to it (optional)", placeholder="https://", description=_SURE),
        Question(
            "doi",
            "input",
            "Its DOI (optional)",
            description=f"Without https://doi.org/ in front, e.g. 10.1371/journal.pmed.1000316. {_SURE}",
        ),
        Question(
            "outcomes", "dropdown", "Which outcomes does it look at? (optional)", vocabulary="outcomes", multiple=True
        ),
        Question("key_findings", "textarea", "Key findings (optional)", description="One per line, in your own words."),
        Question(
            "findings_direction",
            "dropdown",
            "Which way do its findings point? (optional)",
            vocabulary="findings_directions",
        ),
        Question(
            "confidence",
            "dropdown",
            "How strong is the evidence?",
            required=True,
            vocabulary="confidence_levels",
            describe_options=True,
            fills="confidence.rating",
        ),
        Question(
            "rationale", "textarea", "Why that rating, in plain words?", required=True, fills="confidence.rationale"
        ),
        Question("summary", "textarea", "A plain-language summary (optional)"),
        Question("themes", "dropdown", "Which themes does it touch? (optional)", vocabulary="themes", multiple=True),
        Question(
            "own_words",
            "checkboxes",
            _OWN_WORDS,
            confirmations=(
                "The findings and summary are in my own words, and I agree to them being published under CC BY 4.0.",
            ),
        ),
    ),
)

CORRECTION = IssueForm(
    kind="correction",
    file_name="suggest-correction.yml",
    name="Suggest a correction",
    description="Something on a page that is wrong, out of date or unclear.",
    title="Correction: ",
    labels=("correction",),
    intro="Thank you. A maintainer checks the correction and edits the page.",
    item_kind="",  # no file: a maintainer edits the page's own
    questions=(
        Question(
            "page",
            "input",
            "Which page?",
            description="Its address, copied from the browser.",
            placeholder="https://",
            required=True,
        ),
        Question("wrong", "textarea", "What is wrong?", required=True),
        Question("correction", "textarea", "What should it say?", required=True),
        Question(
            "evidence",
            "textarea",
            "How do you know? (optional)",
            description="A link or a reference, if you have one.",
        ),
    ),
)

FORMS: tuple[IssueForm, ...] = (TERM, PERSPECTIVE, STORY, ORGANISATION, EVIDENCE, CORRECTION)
KINDS = tuple(form.kind for form in FORMS)


def form_for(kind: str) -> IssueForm:
    return next(form for form in FORMS if form.kind == kind)


def options(question: Question, vocabularies: Vocabularies) -> list[str]:
    """A dropdown's options: its vocabulary's titles, in the vocabulary's order."""
    if question.vocabulary is None:
        return []
    return [entry.title for entry in getattr(vocabularies, question.vocabulary)]


def _element(question: Question, vocabularies: Vocabularies) -> dict:
    attributes: dict[str, object] = {"label": question.label}
    description = question.description
    if question.describe_options and question.vocabulary:
        entries = getattr(vocabularies, question.vocabulary)
        # One line each, plain: read the same whether GitHub shows it as Markdown or as text.
        listed = "\n".join(f"{entry.title}: {entry.description}" for entry in entries if entry.description)
        description = f"{description}\n\n{listed}".strip()
    if description:
        attributes["description"] = description
    if question.placeholder:
        attributes["placeholder"] = question.placeholder
    if question.type == "dropdown":
        if question.multiple:
            attributes["multiple"] = True
        attributes["options"] = options(question, vocabularies)
    if question.type == "checkboxes":
        attributes["options"] = [{"label": label, "required": True} for label in question.confirmations]
    element: dict[str, object] = {"type": question.type, "id": question.id, "attributes": attributes}
    if question.required:
        element["validations"] = {"required": True}
    return element


def form_data(form: IssueForm, vocabularies: Vocabularies) -> dict:
    """The form as GitHub's issue-form YAML holds it."""
    body: list[dict] = [{"type": "markdown", "attributes": {"value": form.intro}}] if form.intro else []
    body += [_element(question, vocabularies) for question in form.questions]
    return {
        "name": form.name,
        "description": form.description,
        "title": form.title,
        "labels": list(form.labels),
        "body": body,
    }


class _FormDumper(yaml.SafeDumper):
    """Text of several lines written as a '|' block, as a person would write the form."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


_FormDumper.add_representer(str, _text)


def render_form(form: IssueForm, vocabularies: Vocabularies) -> str:
    data = form_data(form, vocabularies)
    return GENERATED_NOTE + yaml.dump(data, Dumper=_FormDumper, sort_keys=False, allow_unicode=True, width=100)


def rendered_forms(vocabularies: Vocabularies) -> dict[str, str]:
    """Every generated form: its path from the repository root -> its text."""
    return {(FORMS_DIR / form.file_name).as_posix(): render_form(form, vocabularies) for form in FORMS}


def new_issue_url(repo_url: str, form: IssueForm, answers: dict[str, str] | None = None) -> str:
    """The address of GitHub's "new issue" page with this form open and some text answers
    filled in (GitHub fills a field from the query parameter named by its id), for the
    site's "Suggest a perspective on this term" links: ``?template=...&term=co-production``."""
    fillable = {question.id for question in form.questions if question.type in ("input", "textarea")}
    unknown = sorted(set(answers or {}) - fillable)
    if unknown:
        raise ValueError(f"the {form.kind} form has no text question {', '.join(unknown)}")
    query = {"template": form.file_name, **(answers or {})}
    return f"{repo_url.rstrip('/')}/issues/new?{urlencode(query)}"


def _field_schema(schema: dict, path: str) -> dict | None:
    """The schema of a field path ("perspectives.*.source.year") in a kind's schema, or None."""
    for part in path.split("."):
        schema = schema.get("items", {}) if part == "*" else schema.get("properties", {}).get(part)
        if not isinstance(schema, dict):
            return None
    return schema


def schema_disagreements(form: IssueForm, definitions: dict, vocabularies: Vocabularies) -> list[str]:
    """Where the form and the content schema (``contributions.schema``, derived from the
    readers) part: a question filling a field the readers do not know, options that are not
    the field's, a field the readers require that no required question (nor the maintainer)
    fills. Empty when they agree; a reader changed without its form fails the test on this."""
    kind = form.writes
    if kind is None:
        return []
    schema = definitions[kind]
    out = []
    for question in form.questions:
        if question.field is None:
            continue
        found = _field_schema(schema, question.field)
        if found is None:
            out.append(f"{form.kind}: {question.id} fills {question.field}, which the {kind} reader does not read")
            continue
        is_list = found.get("type") == "array"
        if question.type == "dropdown" and is_list != question.multiple:
            out.append(f"{form.kind}: {question.id} takes {'several' if is_list else 'one'} option(s) in the schema")
        value = found.get("items", {}) if is_list else found
        if question.vocabulary is not None:
            ids = getattr(vocabularies, question.vocabulary).ids
            if "enum" in value and value["enum"] != ids:
                out.append(f"{form.kind}: {question.id}'s options are not {question.field}'s values in the schema")
            elif "enum" not in value and value.get("type") == "integer":
                low, high = value.get("minimum", -(10**9)), value.get("maximum", 10**9)
                if not all(entry.isdigit() and low <= int(entry) <= high for entry in ids):
                    out.append(f"{form.kind}: {question.id}'s options are outside {question.field}'s range")
            elif "enum" not in value:
                out.append(f"{form.kind}: {question.field} takes no options in the schema")
    answered = {q.field for q in form.questions if q.required and q.field}
    maintainers = form.from_the_maintainer
    start = _field_schema(schema, form.part) if form.part else schema
    out += [
        f"{form.kind}: nothing required fills {path}, which the {kind} reader requires"
        for path in _required_paths(start or {}, form.part)
        if path not in answered and not any(path == m or path.startswith(f"{m}.") for m in maintainers)
    ]
    return out


def _required_paths(schema: dict, prefix: str) -> list[str]:
    """The field paths a schema requires, down through required objects and lists of objects."""
    if schema.get("type") == "array":
        return _required_paths(schema.get("items", {}), f"{prefix}.*" if prefix else "*")
    out = []
    for name in schema.get("required", []):
        path = f"{prefix}.{name}" if prefix else name
        inner = schema.get("properties", {}).get(name, {})
        deeper = _required_paths(inner, path) if inner.get("type") in ("object", "array") else []
        out += deeper or [path]
    return out


def form_problems(data: object) -> list[str]:
    """What GitHub would refuse in an issue form (the rules its documentation lists)."""
    if not isinstance(data, dict):
        return ["the form is not a mapping"]
    problems = [f"{key} is missing or empty" for key in ("name", "description") if not data.get(key)]
    body = data.get("body")
    if not isinstance(body, list) or not body:
        return [*problems, "body is missing or empty"]
    ids: set[str] = set()
    labels: set[str] = set()
    fields = 0
    for index, element in enumerate(body):
        where = f"body[{index}]"
        attributes = element.get("attributes") or {}
        kind = element.get("type")
        if kind == "markdown":
            if not str(attributes.get("value", "")).strip():
                problems.append(f"{where}: markdown without a value")
            continue
        if kind not in ("input", "textarea", "dropdown", "checkboxes"):
            problems.append(f"{where}: {kind!r} is not a valid input type")
            continue
        fields += 1
        element_id = element.get("id")
        if not isinstance(element_id, str) or not _GITHUB_ID.match(element_id):
            problems.append(f"{where}: id {element_id!r} may contain only letters, digits, '-' and '_'")
        elif element_id in ids:
            problems.append(f"{where}: id {element_id!r} is used twice")
        ids.add(str(element_id))
        label = attributes.get("label")
        if not isinstance(label, str) or not label.strip():
            problems.append(f"{where}: the label is missing or not text")
            continue
        if any(word in label.lower() for word in _FORBIDDEN_LABEL_WORDS) and kind in ("input", "textarea"):
            problems.append(f"{where}: the label has a word GitHub forbids")
        choices = attributes.get("options")
        names = [label]
        if kind == "dropdown":
            if not isinstance(choices, list) or not choices or not all(isinstance(c, str) and c for c in choices):
                problems.append(f"{where}: options must be a non-empty list of text")
                continue
            if len(set(choices)) != len(choices):
                problems.append(f"{where}: options must be unique")
            if RESERVED_OPTION in choices:
                problems.append(f"{where}: options must not include the reserved word {RESERVED_OPTION}")
        if kind == "checkboxes":
            if not isinstance(choices, list) or not choices:
                problems.append(f"{where}: checkboxes need options")
                continue
            names += [str(choice.get("label", "")) for choice in choices]
        for name in names:
            if name in labels:
                problems.append(f"{where}: the label {name!r} is used twice")
            labels.add(name)
    if not fields:
        problems.append("body must have at least one field that is not markdown")
    return problems
