"""``handbook import``: a folder of ordinary Markdown becomes a handbook.

The source folder is read as hostile input: symbolic links are never followed, files have
the same size limits as content files, and only what the walk found is ever opened.
One concept per module: ``report`` (what changed), ``source_tree`` (the walk and the
reading order), ``front_matter`` (fields and titles), ``admonitions`` (callout syntaxes),
``html_tags`` (raw HTML the site would remove), ``body`` (links, images, shortcodes) and
``run`` (putting it together and writing the handbook).
"""
