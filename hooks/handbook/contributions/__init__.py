"""Contributions: the ways in for people who do not write YAML in git (issue 18).

Plain typed Python, no MkDocs. Everything here is derived from the content stage's
readers (``handbook.content.readers``), the single source of truth for what an item may
hold, so that a field added to a reader reaches every way in without a second list:

* ``recording_reader``: a ``FieldReader`` that reads nothing and records every field a
  reader asks for (its type, whether it is required, its vocabulary, limits and nested
  fields) as JSON Schema;
* ``schema``: the JSON Schema (draft 2020-12) of every kind's front matter, one
  definition per kind under ``$defs``, plus the few rules a reader checks in code once it
  has read a value (a listing's basis, a place's coordinates...), written as a named
  table of ``if``/``then`` rules. Published by every build at ``/contribute/schema.json``
  and printed by ``handbook schema``;
* ``field_help``: each field's help text, read from the content model page's tables;
* ``messages``: the readers' own messages for the rules checked in code, carried in the
  schema (``x-messages``) so that the browser says what ``handbook check`` says;
* ``issue_forms``: GitHub issue forms (``.github/ISSUE_TEMPLATE/*.yml``), one per kind a
  newcomer suggests, and ``from_issue``: an issue form's body turned back into an item file;
* ``forms`` and ``suggest_page``: the forms of ``/contribute/suggest/``, built from the
  schema, whose scripts (``overrides/assets/javascripts/hb-suggest*.js``) check the answers
  with the build's messages and prepare the file to send.
"""
