"""What a build is asked to do, and what it reports back."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from factsheet import __version__
from factsheet.editions.record import DEFAULT_EDITIONS
from factsheet.errors import Diagnostic, UsageError
from factsheet.exporters import DEFAULT_FORMATS
from factsheet.load.record import package_digest
from factsheet.load.templates import default_templates
from factsheet.rules import NO_ARCHIVE_DIR, NO_EDITIONS_DIR


@dataclass(frozen=True)
class BuildOptions:
    """What to build and where; every field but `out` is part of each sheet's build key."""

    out: Path = Path("build")
    formats: tuple[str, ...] = DEFAULT_FORMATS
    strict: bool = False
    templates: Path = field(default_factory=default_templates)
    archive_dir: Path | None = None
    no_cache: bool = False  # search every excerpt again instead of trusting the check's cache
    template: str | None = None  # overrides each sheet's `sheet.template` (e.g. "brief")
    editions: Path = DEFAULT_EDITIONS  # where editions/<slug>/NNN.json are recorded
    since: str | None = None  # the baseline to list changes since (default: the last edition)

    def key(self) -> str:
        """Hash the options, the version and the package's source, which invalidate every sheet."""
        # no_cache too: a build that trusted the cache is not what --no-cache asks for.
        text = json.dumps([__version__, package_digest(), list(self.formats), self.strict,
                           self.no_cache,
                           str(self.templates.resolve()), self.template,
                           str(self.archive_dir.resolve()) if self.archive_dir else None,
                           str(self.editions.resolve()), self.since])
        return hashlib.sha256(text.encode()).hexdigest()

    def check(self) -> None:
        """Refuse options that name nothing, before any sheet is built (fail closed)."""
        if self.archive_dir is not None and not self.archive_dir.is_dir():
            raise NO_ARCHIVE_DIR.error(UsageError, str(self.archive_dir),
                                               path=self.archive_dir)
        # The default folder may not exist yet (no edition so far); one named must.
        if self.editions != DEFAULT_EDITIONS and not self.editions.is_dir():
            raise NO_EDITIONS_DIR.error(UsageError, str(self.editions),
                                                path=self.editions)


@dataclass
class SheetResult:
    """The outcome of building one sheet."""

    folder: Path
    status: str  # "built", "skipped" or "failed"
    outputs: list[Path] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    seconds: float = 0.0


@dataclass
class BuildReport:
    """The outcome of a whole build run."""

    results: list[SheetResult]
    seconds: float

    def count(self, status: str) -> int:
        """How many sheets ended with `status`."""
        return sum(r.status == status for r in self.results)

    @property
    def failed(self) -> list[SheetResult]:
        """The sheets that failed, in input order."""
        return [r for r in self.results if r.status == "failed"]
