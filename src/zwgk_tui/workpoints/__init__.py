"""Work-points document → checklist: ``zwgk checklist build``.

The pipeline runs one way: ``decode`` (bytes → lines and tables), ``clean`` (page chrome),
``layout`` and ``metadata`` (notice, title, issuer, dates), ``structure`` (markers → a tree
of ``nodes``), ``titles``, ``units`` and ``targets`` (an item's fields), ``tables``,
``merge`` and ``tabletree`` (任务分解表), ``writer`` (tomlkit), orchestrated by ``build``.
Nothing here imports Textual or Rich.
"""
