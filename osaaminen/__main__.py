"""``python -m osaaminen``: the same as the ``osaaminen`` command."""

import sys

from osaaminen.cli import main

sys.exit(main())
