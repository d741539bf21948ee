"""Settings, split by where Propriety runs: ``dev``, ``test`` and ``production``
all start from ``base``."""
