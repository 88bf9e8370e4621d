"""Stage 4, pages: what each page shows besides its Markdown.

Pages with no file of their own (generated), the pages that gather a collection
(gathering), the evidence explorer, data exports, the "What's changed" page, the
templates that render page fragments (render) and the headings they add (toc_entries).
"""
