"""The handbook engine: content model, validation, cross-linking and outputs.

Plain Python, usable without MkDocs; ``hooks/mkdocs_hooks.py`` adapts it to MkDocs.
"""

from handbook.content.corpus import Corpus, LoadResult, load_corpus
from handbook.content.problems import ContentError, Problem

__all__ = ["Corpus", "LoadResult", "load_corpus", "ContentError", "Problem"]
