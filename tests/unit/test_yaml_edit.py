"""Appending to a front matter list as text keeps everything else byte for byte."""

from __future__ import annotations

import pytest
import yaml

from handbook.cli.yaml_edit import EditError, append_to_sequence


def front(text: str) -> dict:
    return yaml.safe_load(text.split("---")[1])


def test_empty_flow_list():
    text = "---\ntitle: A\nchapters: []\n---\nBody\n"
    assert append_to_sequence(text, "chapters", "one") == "---\ntitle: A\nchapters: [one]\n---\nBody\n"


def test_block_list_at_the_end_of_the_front_matter():
    text = "---\nchapters:\n- one\n- two   # second\n---\nBody\n"
    out = append_to_sequence(text, "chapters", "three")
    assert out == "---\nchapters:\n- one\n- two   # second\n- three\n---\nBody\n"


def test_mapping_item_after_a_folded_scalar():
    text = (
        "---\nterm: X\nperspectives:\n  - definition: >\n      A long\n      definition.\n    attributed_to: A\n"
        "    stance: origin\n    source:\n      title: T\n      year: 2001\n# a comment about what follows\nrelated_terms: []\n---\n"
    )
    out = append_to_sequence(text, "perspectives", ["- definition: New", "  attributed_to: B", "  stance: extends"])
    data = front(out)
    assert [p["attributed_to"] for p in data["perspectives"]] == ["A", "B"]
    assert data["perspectives"][0]["source"] == {"title": "T", "year": 2001}
    assert (
        "      year: 2001\n  - definition: New\n    attributed_to: B\n    stance: extends\n# a comment about what follows\n"
        in out
    )


def test_flow_list_of_mappings_cannot_take_a_block_item():
    text = "---\nperspectives: [{definition: a, attributed_to: b, stance: origin}]\n---\n"
    with pytest.raises(EditError, match="flow, list"):
        append_to_sequence(text, "perspectives", ["- definition: c"])


def test_missing_list_is_an_error():
    with pytest.raises(EditError, match="has no 'chapters' list"):
        append_to_sequence("---\ntitle: A\n---\n", "chapters", "one")


def test_last_value_is_a_block_scalar():
    text = "---\nperspectives:\n  - attributed_to: A\n    stance: origin\n    definition: |\n      Line one.\n      Line two.\n\ncontested: false\n---\n"
    out = append_to_sequence(text, "perspectives", ["- definition: New", "  attributed_to: B", "  stance: extends"])
    data = front(out)
    assert data["perspectives"][0]["definition"] == "Line one.\nLine two.\n"
    assert data["perspectives"][1] == {"definition": "New", "attributed_to": "B", "stance": "extends"}
    assert data["contested"] is False
