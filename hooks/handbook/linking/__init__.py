"""Stage 2, linking: how items refer to each other, resolved once per build.

The reference syntax (references), stable URLs (urls), the build's link state
(link_state), glossary term names found in text (term_index), citations, backlinks,
related content, unlinked mentions and links by file path (page_links).
"""
