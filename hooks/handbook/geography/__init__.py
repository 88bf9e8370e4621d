"""Geography: the outlines of the British Isles and what is done with them.

The boundary data (``data/british-isles.geojson``, Natural Earth, public domain; see
``data/SOURCE.md``) tells which nation a place's coordinates fall in when content is
checked, and is drawn as the Relationships Map. Nothing here knows about MkDocs.
"""
