"""Safe intake: what a stranger's pull request may put into the site, and what it may not.

Every content file is treated as hostile. The modules here hold the policies that the
loader, the Markdown extensions, the templates and the outputs apply: one module per
threat (paths that leave the repository, YAML that explodes, URLs with unsafe schemes,
raw HTML, spreadsheet formulas, editor handles, half-written output). Nothing here
imports MkDocs. See docs/about/security.md for the threat model.
"""
