"""Stage 5, outputs for offline readers: a PDF per handbook (plus the glossary and the evidence
base) and a zipped offline copy of the whole site.

Plain Python over the HTML the build has already rendered: the MkDocs adapter hands
over each page's content, and these modules rewrite it as trees, render the PDFs with
WeasyPrint and package the offline copy.
"""
