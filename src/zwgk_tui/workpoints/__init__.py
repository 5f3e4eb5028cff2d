"""Work-points document → checklist: ``zwgk checklist build``.

The pipeline runs one way: ``decode`` (bytes → lines and tables), ``clean`` (page chrome),
``metadata`` (title, issuer, dates, regions), ``structure`` (markers → tree), ``fields``
(titles, units, deadlines, targets), ``tables`` and ``merge`` (任务分解表), ``writer``
(tomlkit), orchestrated by ``build``. Nothing here imports Textual or Rich.
"""
