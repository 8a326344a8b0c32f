"""WeasyPrint's import with its native library names resolved once and cached (Linux)."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

from factsheet.fsutil import DEFAULT_CACHE, write_atomic

# cffi's dlopen asks ctypes.util.find_library for every name WeasyPrint tries, and on Linux
# each ask runs ldconfig and gcc subprocesses (WeasyPrint issue #1125): about 50 processes
# and a quarter of a cold build. The answers depend only on the system's library cache and
# the environment, so they are stored under the cache folder, keyed by exactly those.
CACHE_NAME = "native-libs.json"
_ENV = ("LD_LIBRARY_PATH", "LIBRARY_PATH", "WEASYPRINT_DLL_DIRECTORIES")
# find_library returns a bare soname on Linux; dlopen then searches only the system's own
# library path. Anything else (a path, another name) in the cache is ignored.
_SONAME = re.compile(r"lib[\w.+-]+\.so(\.\d+)*")


def _key() -> str | None:
    """What the answers depend on; None where caching is not known to be safe."""
    if not sys.platform.startswith("linux"):
        return None  # macOS asks dyld in-process: nothing to save, so nothing to risk
    try:
        ld_cache = os.stat("/etc/ld.so.cache")  # rewritten by ldconfig on every install
    except OSError:
        return None
    parts = [sys.platform, os.uname().machine, sys.version, str(ld_cache.st_mtime_ns),
             str(ld_cache.st_size), str(ld_cache.st_ino),
             *(f"{name}={os.environ.get(name, '')}" for name in _ENV)]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def _plausible(name: str, found: object) -> bool:
    """A cached answer is used only if find_library itself could have given it."""
    if found is None:
        return True
    stem = name.removeprefix("lib").split(".so")[0]
    return (isinstance(found, str) and _SONAME.fullmatch(found) is not None
            and found.startswith("lib" + stem))


def _read(path: Path, key: str) -> dict[str, str | None]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data["key"] != key:
            return {}
        return {str(k): v for k, v in data["found"].items() if _plausible(str(k), v)}
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return {}


def _import(find: Callable[[str], str | None] | None) -> ModuleType:
    """Import WeasyPrint with ctypes.util.find_library replaced by `find` while it loads."""
    import ctypes.util

    real = ctypes.util.find_library
    if find is not None:
        ctypes.util.find_library = find  # type: ignore[assignment]
    try:
        import importlib

        return importlib.import_module("weasyprint")
    finally:
        ctypes.util.find_library = real


def load_weasyprint(cache_dir: Path | None = DEFAULT_CACHE) -> ModuleType:
    """Import WeasyPrint once, answering its library lookups from the cache when valid."""
    if "weasyprint" in sys.modules:
        return sys.modules["weasyprint"]
    key = _key() if cache_dir is not None else None
    if key is None or cache_dir is None:
        return _import(None)
    import ctypes.util

    path = cache_dir / CACHE_NAME
    known = _read(path, key)
    asked: dict[str, str | None] = {}
    real = ctypes.util.find_library

    def find(name: str) -> str | None:
        if name in known:
            return known[name]
        asked[name] = known[name] = real(name)
        return asked[name]

    try:
        module = _import(find)
    except OSError:
        # A cached answer no longer holds (a library was removed): forget them all and let
        # WeasyPrint look everything up the normal way, failing as it normally would.
        for name in [m for m in sys.modules if m == "weasyprint" or m.startswith("weasyprint.")]:
            del sys.modules[name]
        with contextlib.suppress(OSError):
            path.unlink()
        return _import(None)
    if asked:
        with contextlib.suppress(OSError):
            write_atomic(path, json.dumps({"key": key, "found": known}, indent=1,
                                          sort_keys=True).encode())
    return module
