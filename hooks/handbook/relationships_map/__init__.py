"""The Relationships Map (issue 21), stage 4 pages: who is doing what, where, and with whom.

Plain Python over the content model; the pages are generated once per build.

``pages``              the /map/ page and its sibling, as generated pages with their data
``drawing``            the map's picture: outlines, markers, clusters and the inset, as data
                       for the inline SVG of ``templates/map/drawing.html``
``directory``          the map's text equivalent: every organisation by place, with its facets
``network``            who is connected with whom and what they did together, from the records
``network_drawing``    the network's picture, laid out at build time (networkx, seeded)
``network_page``       the network page at /map/network/
``fellow_travellers``  organisations not yet connected that share themes and places
``exports``            organisations.json, .csv and .geojson for reuse

The outlines, their projection and simplification are in ``handbook.geography``.
"""
