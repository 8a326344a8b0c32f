"""Allow `python -m factsheet`."""

from __future__ import annotations

import sys

from factsheet.cli import main

sys.exit(main())
