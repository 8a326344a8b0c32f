"""Where a block-style YAML list ends in its file's lines: the place to append an entry."""

from __future__ import annotations


def block_list_end(lines: list[str], last: int, indent: int) -> int:
    """The index after the last content line of the list item starting at line `last`."""
    # Blank and comment lines after the item belong to whatever follows, not to the item.
    end = last
    for k in range(last, len(lines)):
        stripped = lines[k].strip()
        if not stripped or stripped.startswith("#"):
            continue
        if len(lines[k]) - len(lines[k].lstrip(" ")) <= indent:
            break
        end = k + 1
    return end
