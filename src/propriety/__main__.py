"""``python -m propriety`` runs the command line."""

from propriety.cli import main

main()
