"""``python -m c2ckg`` runs the command line."""
from .cli import main

main()
