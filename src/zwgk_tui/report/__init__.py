"""``zwgk report``: gather received files, check each (intake), aggregate, cache, show in the
terminal, and write xlsx/csv/md/toml. Only ``view.py`` draws with Rich; nothing here imports Textual."""
