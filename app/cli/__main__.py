"""``python -m app.cli``: the ``journeymap`` command."""

import sys

from app.cli import main

sys.exit(main())
