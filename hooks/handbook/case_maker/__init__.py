"""My case (issue 19): the data of the case maker, a reader's own brief built in the browser.

Stage 4 (pages). ``sections`` reads every chapter's h2 sections once per build, ``data``
makes the per-build data of every item a reader may add to a case (evidence, stories,
terms, convenings, chapter sections; written as ``case-maker/items.json`` and embedded in
the page), ``page`` is the page /case-maker/ ("My case"), which
``overrides/assets/javascripts/hb-case-maker.js`` fills from that data in the browser.
"""
