"""Stage 1, content: files read into typed records, every problem collected.

The kinds of content, each declared once with its folder, address, reader and templates
(kinds: every other stage reads it); sources and front matter (source, fields), one reader
per kind (readers) into the model's records (model), controlled vocabularies, the whole
corpus loaded and checked (corpus), drafts, placeholders, attachments, git history, and
the one problem grammar (problems).
"""
