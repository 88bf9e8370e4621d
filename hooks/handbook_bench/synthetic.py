"""A deterministic synthetic corpus, written in the project's own content format.

``write_corpus(dest, spec)`` writes a complete, buildable project: handbooks with
chapters, glossary terms with aliases and perspectives, evidence items, stories,
convenings, resources and organisations, plus the engine (mkdocs.yml, hooks, overrides)
copied from this repository, committed to a fresh git repository. The prose is made
from a vocabulary of the field's real words, with term mentions, citations ``[@id]`` and
explicit references ``[text](kind:id)`` in proportions like the real handbooks.

Everything comes from one seeded ``random.Random``: the same spec and seed give the
same bytes. Nothing here reaches the network. The content is obviously synthetic
(invented authors, no DOIs or URLs) and is only for measuring the build.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]
ENGINE = ("mkdocs.yml", "hooks", "overrides")
ENGINE_DOCS = ("docs/assets", "docs/vocabularies.yml")
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Bench",
    "GIT_AUTHOR_EMAIL": "bench@example.org",
    "GIT_COMMITTER_NAME": "Bench",
    "GIT_COMMITTER_EMAIL": "bench@example.org",
    "GIT_AUTHOR_DATE": "2026-01-15T12:00:00",
    "GIT_COMMITTER_DATE": "2026-01-15T12:00:00",
}

CHAPTERS_PER_HANDBOOK = 15


@dataclass(frozen=True)
class Spec:
    """How many pages of each kind. ``pages`` counts every content file."""

    pages: int
    terms: int
    evidence: int
    seed: int = 2026

    @property
    def rest(self) -> int:
        return self.pages - self.terms - self.evidence

    def counts(self) -> dict[str, int]:
        """Split the pages that are neither terms nor evidence among the other kinds.

        At XL (5,000 pages): 100 handbooks of 15 chapters, 400 stories, 200 convenings,
        200 organisations and 100 resources; smaller sizes in proportion.
        """
        rest = self.rest
        handbooks = max(1, round(rest * 100 / 2500))
        chapters = handbooks * CHAPTERS_PER_HANDBOOK
        left = max(0, rest - handbooks - chapters)
        stories = round(left * 4 / 9)
        convenings = round(left * 2 / 9)
        organisations = max(2, round(left * 2 / 9))
        resources = max(1, left - stories - convenings - organisations)
        return {
            "handbook": handbooks,
            "chapter": chapters,
            "term": self.terms,
            "evidence": self.evidence,
            "story": stories,
            "convening": convenings,
            "organisation": organisations,
            "resource": resources,
        }


SIZES: dict[str, Spec] = {
    "S": Spec(250, 50, 75),
    "M": Spec(1000, 200, 300),
    "L": Spec(2500, 500, 750),
    "XL": Spec(5000, 1000, 1500),
}
# The share of terms and evidence items in every size, for sizes given as a page count.
TERM_SHARE, EVIDENCE_SHARE = 0.2, 0.3


def spec_for(size: str) -> Spec:
    """The spec of a named size (S, M, L, XL) or of a page count ("3000"), in the same proportions."""
    if size.strip().isdigit():
        pages = int(size)
        if not 100 <= pages <= 5000:  # above 5,000 the vocabulary runs out of term names
            raise ValueError(f"a corpus of {pages} pages (expected 100 to 5000)")
        return Spec(pages, round(pages * TERM_SHARE), round(pages * EVIDENCE_SHARE))
    try:
        return SIZES[size.upper()]
    except KeyError:
        raise ValueError(f"unknown size '{size}' (expected one of {', '.join(SIZES)}, or a number of pages)") from None


# -- the field's vocabulary -------------------------------------------------------------------

NOUNS = """relationship relationships trust neighbour neighbours community communities council councils
practitioner practitioners volunteer volunteers resident residents family families service services
commissioner commissioners funder funders network networks conversation conversations kindness belonging
loneliness isolation wellbeing care carer carers place places neighbourhood neighbourhoods group groups
partnership partnerships team teams manager managers staff evidence outcome outcomes measure measures
story stories learning listening time space spaces power permission permissions culture system systems
organisation organisations charity charities housing school schools health library libraries
connection connections friendship friendships peer peers everyday routine attention reciprocity
gathering gatherings meeting meetings budget budgets risk accountability judgement discretion
""".split()
VERBS = """builds strengthens notices supports sustains weakens shapes reframes measures values hosts
invites connects welcomes holds funds trusts listens changes enables encourages protects nurtures
""".split()
ADJECTIVES = """relational local small patient honest everyday informal trusted shared practical
careful slow long-term neighbourly collective flexible human warm consistent visible quiet
""".split()
OPENERS = [
    "In practice,",
    "Across the four nations,",
    "For many councils,",
    "In our experience,",
    "Time and again,",
    "In smaller places,",
    "During the pandemic,",
    "Over several years,",
    "For frontline staff,",
    "In most neighbourhoods,",
    "As one practitioner put it,",
    "Often,",
]
CONNECTORS = ["because", "while", "so that", "even when", "and", "but", "although", "whenever"]
HEADINGS = [
    "Why it matters",
    "What we know",
    "What people tried",
    "Getting started",
    "Common pitfalls",
    "Measuring what matters",
    "Working with funders",
    "Questions to ask",
    "What changed",
    "Making the case",
    "Sharing power",
    "Looking after people",
    "Where next",
]
CONCEPTS = """social capital|mutual aid|community weaving|place-based working|co-production|social prescribing|
relational practice|strengths-based practice|asset-based community development|social infrastructure|
peer support|local area coordination|relational welfare|human learning systems|community anchors|
network weaving|relational leadership|participatory budgeting|deliberative democracy|community organising|
kindness in policy|relational commissioning|trust-based funding|reflective practice|good help|
social connection|social isolation|lived experience|citizen participation|civic pride|neighbourliness|
community wealth building|circles of support|relational safeguarding|restorative practice|shared reading|
intergenerational contact|street connectors|community hubs|warm spaces|time banking|befriending|
listening campaigns|asset mapping|appreciative inquiry|systems convening|relational audit|
community health workers|relational continuity|compassionate communities""".replace("\n", "").split("|")
MODIFIERS = [
    "",
    "everyday",
    "neighbourhood",
    "digital",
    "rural",
    "urban",
    "youth",
    "workplace",
    "council-led",
    "grassroots",
    "hospital",
    "school-based",
    "faith-based",
    "volunteer-led",
    "online",
    "cross-sector",
    "family",
    "tenant-led",
    "library-based",
    "city-wide",
]
SURNAMES = """Adeyemi Baker Campbell Davies Edwards Fraser Gallagher Hughes Iqbal Jones Kelly Lewis Morgan
Nolan Owen Patel Quinn Roberts Singh Taylor Usher Vaughan Williams Xu Young Zaman Murray Reid Price
Ahmed Bell Clarke Doyle Evans Fletcher Grant Hall Irvine Jenkins Khan Lloyd McLean Nicholson
O'Neill Parry Rahman Stewart Thomas""".split()
GIVEN = ["A.", "B.", "C.", "D.", "E.", "F.", "G.", "H.", "J.", "K.", "L.", "M.", "N.", "P.", "R.", "S."]
TOWNS = [
    "Birmingham",
    "Newcastle",
    "Swansea",
    "Glasgow",
    "Belfast",
    "Coventry",
    "Leeds",
    "Cardiff",
    "Dundee",
    "Derry",
    "Bristol",
    "Norwich",
    "Wrexham",
    "Inverness",
    "Plymouth",
    "Preston",
]
NATIONS = {
    "Birmingham": "england",
    "Newcastle": "england",
    "Swansea": "wales",
    "Glasgow": "scotland",
    "Belfast": "northern-ireland",
    "Coventry": "england",
    "Leeds": "england",
    "Cardiff": "wales",
    "Dundee": "scotland",
    "Derry": "northern-ireland",
    "Bristol": "england",
    "Norwich": "england",
    "Wrexham": "wales",
    "Inverness": "scotland",
    "Plymouth": "england",
    "Preston": "england",
}
# Town centres (WGS84), so that synthetic organisations have places on the Relationships Map.
COORDINATES = {
    "Birmingham": (52.480, -1.903),
    "Newcastle": (54.978, -1.617),
    "Swansea": (51.621, -3.944),
    "Glasgow": (55.861, -4.251),
    "Belfast": (54.597, -5.930),
    "Coventry": (52.407, -1.512),
    "Leeds": (53.801, -1.549),
    "Cardiff": (51.481, -3.179),
    "Dundee": (56.462, -2.971),
    "Derry": (54.997, -7.309),
    "Bristol": (51.454, -2.588),
    "Norwich": (52.630, 1.297),
    "Wrexham": (53.046, -2.993),
    "Inverness": (57.478, -4.224),
    "Plymouth": (50.375, -4.143),
    "Preston": (53.763, -2.703),
}
FIRST_NAMES = [
    "Wendy",
    "Sarah",
    "Rachel",
    "Patricia",
    "Nick",
    "Marie",
    "Kate",
    "Julie",
    "Josie",
    "Jen",
    "James",
    "Isabel",
    "Brianne",
    "Anna",
    "Alan",
    "Elizabeth",
    "Omar",
    "Priya",
    "Dylan",
    "Siobhan",
]


def term_names(count: int) -> list[str]:
    """``count`` distinct term names, concept first, then qualified concepts."""
    names = []
    for modifier in MODIFIERS:
        for concept in CONCEPTS:
            names.append(f"{modifier} {concept}".strip())
            if len(names) == count:
                return names
    raise ValueError(f"at most {len(names)} synthetic terms")


def slug(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


def _tokens(sentence: str) -> list[str]:
    """Words to wrap lines at, keeping each bracketed reference on one line."""
    tokens: list[str] = []
    depth = 0
    for word in sentence.split(" "):
        if depth > 0:
            tokens[-1] += " " + word
        else:
            tokens.append(word)
        depth += word.count("[") - word.count("]")
    return tokens


def _dump(data: dict) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def _page(front: dict, body: str) -> str:
    return f"---\n{_dump(front)}---\n{body}"


# -- the generator ------------------------------------------------------------------------------


class _Generator:
    def __init__(self, spec: Spec, vocabularies: Path):
        self.spec = spec
        self.rng = random.Random(spec.seed)
        self.counts = spec.counts()
        self.files: dict[str, str] = {}
        vocab = yaml.safe_load(vocabularies.read_text(encoding="utf-8"))
        self.vocab = {key: [str(entry["id"]) for entry in entries] for key, entries in vocab.items()}
        self.term_names = term_names(self.counts["term"])
        self.term_ids = [slug(name) for name in self.term_names]
        self.evidence_ids: list[str] = []
        self.evidence_years: list[int] = []
        seen: set[str] = set()
        for index in range(self.counts["evidence"]):
            year = 1990 + (index * 7) % 35
            self.evidence_years.append(year)
            base = f"{slug(SURNAMES[index % len(SURNAMES)])}-{year}"
            item_id, n = base, 1
            while item_id in seen:
                n += 1
                item_id = f"{base}-{n}"
            seen.add(item_id)
            self.evidence_ids.append(item_id)
        self.handbook_ids = [f"handbook-{i + 1:03d}" for i in range(self.counts["handbook"])]
        self.chapter_ids = {
            h: [f"chapter-{j + 1:02d}" for j in range(CHAPTERS_PER_HANDBOOK)] for h in self.handbook_ids
        }
        self.story_ids = [f"story-{i + 1:04d}" for i in range(self.counts["story"])]
        self.convening_ids = [f"convening-{i + 1:04d}" for i in range(self.counts["convening"])]
        self.organisation_ids = [f"organisation-{i + 1:04d}" for i in range(self.counts["organisation"])]
        self.resource_ids = [f"resource-{i + 1:04d}" for i in range(self.counts["resource"])]

    # prose ------------------------------------------------------------------------------------
    def pick(self, seq):
        return seq[self.rng.randrange(len(seq))]

    def term_mention(self) -> str:
        # A skewed choice, the same shape at every size: the first terms are mentioned
        # often, most now and then.
        return self.term_names[int(len(self.term_names) * self.rng.random() ** 2.5)]

    def reference(self) -> str:
        r = self.rng.random()
        if r < 0.35:
            return f"[{self.pick(ADJECTIVES)} {self.pick(NOUNS)}](term:{self.pick(self.term_ids)})"
        if r < 0.55 and self.story_ids:
            return f"[[story:{self.pick(self.story_ids)}]]"
        if r < 0.7 and self.resource_ids:
            return f"[this {self.pick(['tool', 'guide', 'resource'])}](resource:{self.pick(self.resource_ids)})"
        if r < 0.8 and self.organisation_ids:
            return f"[[organisation:{self.pick(self.organisation_ids)}]]"
        if r < 0.9 and self.convening_ids:
            return f"[a convening](convening:{self.pick(self.convening_ids)})"
        handbook = self.pick(self.handbook_ids)
        return f"[[chapter:{handbook}/{self.pick(self.chapter_ids[handbook])}]]"

    def sentence(self, cite: float, link: float, mention: float) -> str:
        words = [self.pick(OPENERS)] if self.rng.random() < 0.3 else []
        subject = self.term_mention() if self.rng.random() < mention else f"{self.pick(ADJECTIVES)} {self.pick(NOUNS)}"
        words += [
            "the" if self.rng.random() < 0.5 else "",
            subject,
            self.pick(VERBS),
            self.pick(ADJECTIVES),
            self.pick(NOUNS),
        ]
        for _ in range(self.rng.randint(1, 3)):
            words += [self.pick(CONNECTORS), self.pick(NOUNS), self.pick(VERBS), self.pick(NOUNS)]
        if self.rng.random() < link:
            words += ["(see", self.reference() + ")"]
        text = " ".join(w for w in words if w)
        text = text[0].upper() + text[1:]
        if self.rng.random() < cite and self.evidence_ids:
            cited = sorted({self.pick(self.evidence_ids) for _ in range(self.rng.choice((1, 1, 1, 2)))})
            text += " [" + "; ".join(f"@{e}" for e in cited) + "]"
        return text + "."

    def paragraph(self, **rates) -> str:
        lines, line = [], ""
        for _ in range(self.rng.randint(3, 6)):
            for word in _tokens(self.sentence(**rates)):
                if line and len(line) + len(word) > 90:
                    lines.append(line)
                    line = word
                else:
                    line = f"{line} {word}" if line else word
        return "\n".join([*lines, line])

    def bullet_list(self) -> str:
        return "\n".join(
            f"- {self.pick(ADJECTIVES).capitalize()} {self.pick(NOUNS)} {self.pick(CONNECTORS)} "
            f"{self.pick(NOUNS)} {self.pick(VERBS)} {self.pick(NOUNS)}"
            for _ in range(self.rng.randint(3, 5))
        )

    def body(self, sections: int, paragraphs: tuple[int, int], cite=0.25, link=0.1, mention=0.35) -> str:
        parts = []
        for index in range(sections):
            if sections > 1:
                parts.append(f"## {HEADINGS[(index + self.rng.randrange(3)) % len(HEADINGS)]} {index + 1}")
            for _ in range(self.rng.randint(*paragraphs)):
                parts.append(self.paragraph(cite=cite, link=link, mention=mention))
            if self.rng.random() < 0.4:
                parts.append(self.bullet_list())
        return "\n\n".join(parts) + "\n"

    def themes(self, at_most: int = 3) -> list[str]:
        return sorted(set(self.rng.sample(self.vocab["themes"], self.rng.randint(1, at_most))))

    def title(self, words: int = 4) -> str:
        text = " ".join([self.pick(ADJECTIVES), *(self.pick(NOUNS) for _ in range(words - 1))])
        return text.capitalize()

    # items ------------------------------------------------------------------------------------
    def write(self, path: str, text: str) -> None:
        self.files[path] = text

    def handbooks(self) -> None:
        for h in self.handbook_ids:
            self.write(
                f"handbooks/{h}/index.md",
                _page(
                    {
                        "title": f"{self.title(3)} ({h.split('-')[1]})",
                        "summary": self.paragraph(cite=0, link=0, mention=0.3).split(".")[0] + ".",
                        "editors": [f"@relationships-project/{h}-editors"],
                        "themes": self.themes(),
                        "chapters": self.chapter_ids[h],
                    },
                    self.body(1, (2, 3), cite=0.1),
                ),
            )
            for number, c in enumerate(self.chapter_ids[h], start=1):
                front = {"title": f"{number}. {self.title(4)}", "summary": f"{self.title(6)}.", "themes": self.themes()}
                if self.rng.random() < 0.3:
                    front.update(last_reviewed="2025-09-01", reviewed_by="@reviewer", review_due="2027-09-01")
                self.write(f"handbooks/{h}/{c}.md", _page(front, self.body(self.rng.randint(3, 5), (2, 3))))

    def terms(self) -> None:
        names = set(n.lower() for n in self.term_names)
        for name, term_id in zip(self.term_names, self.term_ids, strict=True):
            front: dict = {"term": name.capitalize()}
            aliases = []
            for candidate in (name.replace(" ", "-"), f"{name} approach"):
                if candidate != name and candidate.lower() not in names and self.rng.random() < 0.5:
                    aliases.append(candidate)
                    names.add(candidate.lower())
            if aliases:
                front["aliases"] = aliases
            front["group"] = self.pick(self.vocab["term_groups"])
            front["working_definition"] = (
                " ".join(self.sentence(cite=0, link=0, mention=0).split()[:30]).rstrip(".") + "."
            )
            front["perspectives"] = [
                {
                    "definition": self.sentence(cite=0, link=0, mention=0),
                    "attributed_to": f"{self.pick(GIVEN)} {self.pick(SURNAMES)}",
                    "stance": stance,
                    "source": {"title": self.title(5), "year": 1995 + self.rng.randrange(30)},
                }
                for stance in [
                    "origin",
                    *self.rng.sample(["extends", "contests", "critiques", "alternative"], self.rng.randint(0, 2)),
                ]
            ]
            if "contests" in [p["stance"] for p in front["perspectives"]]:
                front["contested"] = True
                front["contested_note"] = self.sentence(cite=0, link=0, mention=0)
            related = sorted({self.pick(self.term_ids) for _ in range(self.rng.randint(1, 3))} - {term_id})
            if related:
                front["related_terms"] = related
            front["themes"] = self.themes(2)
            self.write(f"glossary/{term_id}.md", _page(front, self.body(2, (1, 2), cite=0.2, link=0.1)))

    def evidence(self) -> None:
        for index, item_id in enumerate(self.evidence_ids):
            front = {
                "title": self.title(7),
                "authors": [
                    f"{SURNAMES[index % len(SURNAMES)]}, {self.pick(GIVEN)}",
                    *(f"{self.pick(SURNAMES)}, {self.pick(GIVEN)}" for _ in range(self.rng.randint(0, 3))),
                ],
                "year": self.evidence_years[index],
                "evidence_type": self.pick(self.vocab["evidence_types"]),
                "publisher": f"Journal of {self.pick(ADJECTIVES).capitalize()} {self.pick(NOUNS).capitalize()}",
                "open_access": self.rng.random() < 0.5,
                "themes": self.themes(2),
                "outcomes": sorted(set(self.rng.sample(self.vocab["outcomes"], self.rng.randint(1, 3)))),
                "key_findings": [self.sentence(cite=0, link=0, mention=0.2) for _ in range(self.rng.randint(1, 3))],
                "findings_direction": self.pick(self.vocab["findings_directions"]),
                "confidence": {"rating": self.rng.randint(0, 4), "rationale": self.sentence(cite=0, link=0, mention=0)},
            }
            self.write(f"docs/evidence/{item_id}.md", _page(front, self.body(2, (1, 2), cite=0.05, link=0.05)))

    def stories(self) -> None:
        for item_id in self.story_ids:
            town = self.pick(TOWNS)
            front = {
                "title": self.title(5),
                "story_type": self.pick(self.vocab["story_types"]),
                "storytellers": [{"name": self.pick(FIRST_NAMES), "naming": "first-name", "role": self.pick(NOUNS)}],
                "publication": {
                    "basis": "contributed",
                    "recorded_by": "A Maintainer",
                    "date": "2025-03-01",
                    "record": "https://github.com/example/handbooks/issues/1",
                },
                "organisation": self.pick(self.organisation_ids),
                "place": {"town": town, "nation": NATIONS[town]},
                "tools_used": [self.pick(self.resource_ids)],
                "themes": self.themes(),
            }
            self.write(f"docs/stories/{item_id}.md", _page(front, self.body(3, (1, 2), cite=0.1, link=0.15)))

    def convenings(self) -> None:
        for index, item_id in enumerate(self.convening_ids):
            town = self.pick(TOWNS)
            front = {
                "title": self.title(5),
                "date": f"{2019 + index % 7}-{1 + index % 12:02d}-{1 + index % 28:02d}",
                "format": self.pick(self.vocab["convening_formats"]),
                "location": {
                    "venue": f"{town} {self.pick(['Library', 'Town Hall', 'Community Centre'])}",
                    "town": town,
                    "nation": NATIONS[town],
                },
                "participants": self.rng.randint(12, 150),
                "hosts": [self.pick(self.organisation_ids)],
                "partners": [self.pick(self.organisation_ids)],
                "speakers": [f"{self.pick(FIRST_NAMES)} {self.pick(SURNAMES)}" for _ in range(2)],
                "purpose": self.sentence(cite=0, link=0, mention=0.3),
                "questions_raised": [self.sentence(cite=0, link=0, mention=0.3).rstrip(".") + "?" for _ in range(2)],
                "themes": self.themes(),
            }
            self.write(f"docs/convenings/{item_id}.md", _page(front, self.body(3, (1, 2), cite=0.1, link=0.15)))

    def organisations(self) -> None:
        for item_id in self.organisation_ids:
            others = [o for o in (self.pick(self.organisation_ids) for _ in range(2)) if o != item_id]
            town = self.pick(TOWNS)
            # One in ten works across the UK with no office on the map; the rest are in their town.
            uk_wide = self.rng.random() < 0.1
            lat, lon = COORDINATES[town]
            front = {
                "name": f"{town} {self.title(2)} {self.pick(['Trust', 'Network', 'Collective', 'Partnership'])}",
                "org_type": self.pick(self.vocab["organisation_types"]),
                "nations": ["uk-wide"] if uk_wide else [NATIONS[town]],
                "places": [{"name": "UK-wide"}]
                if uk_wide
                else [{"name": town, "lat": lat, "lon": lon, "source": "https://example.org/organisations"}],
                "summary": self.sentence(cite=0, link=0, mention=0.3),
                "connections": [
                    {"target": o, "type": self.pick(self.vocab["connection_types"]), "strength": "medium"}
                    for o in sorted(set(others))
                ],
                "listing": {"basis": "public-source", "source": "https://example.org/organisations"},
                "themes": self.themes(),
            }
            if not front["connections"]:
                del front["connections"]
            self.write(f"docs/organisations/{item_id}.md", _page(front, self.body(2, (1, 2), cite=0.05, link=0.1)))

    def resources(self) -> None:
        for item_id in self.resource_ids:
            front = {
                "title": self.title(3),
                "kind": self.pick(self.vocab["resource_kinds"]),
                "summary": self.sentence(cite=0, link=0, mention=0.3),
                "organisation": self.pick(self.organisation_ids),
                "year": 2010 + self.rng.randrange(16),
                "themes": self.themes(),
            }
            self.write(f"docs/resources/{item_id}.md", _page(front, self.body(2, (1, 2), cite=0.05, link=0.1)))

    def pages(self) -> None:
        self.write(
            "docs/index.md",
            _page(
                {"title": "Home"},
                "# Synthetic handbooks\n\nA synthetic corpus for measuring the build. "
                f"Start with [[handbook:{self.handbook_ids[0]}]].\n",
            ),
        )
        self.write(
            "docs/about/index.md",
            "# About\n\nThis corpus is generated by `handbook-bench synth`; none of it is real.\n",
        )

    def generate(self) -> dict[str, str]:
        self.handbooks()
        self.terms()
        self.evidence()
        self.stories()
        self.convenings()
        self.organisations()
        self.resources()
        self.pages()
        return self.files


def corpus_files(spec: Spec, vocabularies: Path = REPO / "docs" / "vocabularies.yml") -> dict[str, str]:
    """The synthetic content files, path -> text, in a deterministic order."""
    return _Generator(spec, vocabularies).generate()


def write_corpus(dest: Path | str, spec: Spec, engine: str | None = "HEAD", git: bool = True) -> Path:
    """Write the corpus, the engine and a git commit into ``dest``.

    ``engine`` is the revision of this repository whose engine (mkdocs.yml, hooks,
    overrides, docs/assets, docs/vocabularies.yml) is copied: "HEAD" measures what is
    committed, unaffected by half-finished edits; None copies the working tree.
    """
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    if engine:
        archive = subprocess.run(
            ["git", "archive", engine, *ENGINE, *ENGINE_DOCS], cwd=REPO, check=True, capture_output=True
        )
        subprocess.run(["tar", "-x", "-C", str(dest)], input=archive.stdout, check=True)
    else:
        for name in (*ENGINE, *ENGINE_DOCS):
            source = REPO / name
            if source.is_dir():
                shutil.copytree(
                    source, dest / name, dirs_exist_ok=True, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info")
                )
            elif source.exists():
                (dest / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, dest / name)
    for rel, text in corpus_files(spec, dest / "docs" / "vocabularies.yml").items():
        path = dest / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    if git:
        env = {**os.environ, **GIT_ENV}
        if not (dest / ".git").exists():
            subprocess.run(["git", "init", "-q", "-b", "main"], cwd=dest, check=True, env=env)
        (dest / ".gitignore").write_text("site/\n.cache/\n", encoding="utf-8")
        subprocess.run(["git", "add", "-A"], cwd=dest, check=True, env=env)
        subprocess.run(["git", "commit", "-q", "-m", "Synthetic corpus"], cwd=dest, check=True, env=env)
    return dest
