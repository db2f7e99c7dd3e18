"""``python -m explorer`` runs the same command as ``explorer``."""

import sys

from .cli import main

sys.exit(main())
