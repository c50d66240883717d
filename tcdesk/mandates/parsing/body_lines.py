"""The lines of a resolution's body, outside its footnote regions, with their offsets.

Plain Python, no Django.
"""

from __future__ import annotations

import bisect


def split_lines(
    text: str, start: int, regions: list[tuple[int, int]], texts: list[str] | None = None
) -> list[tuple[int, int]]:
    """(start, end) of each body line outside footnote regions, end including the newline.

    A line cut by the start of a region ends there. The text between regions is split once
    with ``str.split`` (only "\\n" ends a line) instead of searching line by line. ``texts``,
    when given, receives each line's text without its newline: the pieces ``str.split`` made,
    kept so that the caller need not cut every line out of the text a second time.
    """
    lines: list[tuple[int, int]] = []
    append = lines.append
    keep = texts.append if texts is not None else None
    position = start
    length = len(text)
    region_index = 0
    while position < length:
        while region_index < len(regions) and regions[region_index][1] <= position:
            region_index += 1
        if region_index < len(regions) and regions[region_index][0] <= position:
            position = regions[region_index][1]
            continue
        chunk_end = regions[region_index][0] if region_index < len(regions) else length
        line_start = position
        for part in text[position:chunk_end].split("\n"):
            line_end = line_start + len(part) + 1
            if line_end > chunk_end:  # the last piece: no newline before the region or the end
                if line_start < chunk_end:
                    append((line_start, chunk_end))
                    if keep is not None:
                        keep(part)
                break
            append((line_start, line_end))
            if keep is not None:
                keep(part)
            line_start = line_end
        position = chunk_end
    return lines


def laid_out_lines(
    lines: list[str], starts: list[int], length: int, start: int, regions: list[tuple[int, int]], texts: list[str]
) -> list[tuple[int, int]] | None:
    """What ``split_lines`` gives, from the lines the layout has already cut (``lines``, starting at
    ``starts``, in a text of ``length`` characters); their texts go to ``texts``, newline kept.

    The body and the footnote regions start and end at line boundaries, so the body's lines are
    runs of the laid-out lines between regions, taken with list slices. None (the caller splits
    the text itself) when a boundary falls inside a line.
    """

    def line_at(offset: int) -> int | None:
        """Index of the line starting at ``offset`` (the number of lines at the text's end)."""
        index = bisect.bisect_left(starts, offset)
        if offset >= length:
            return len(starts)
        return index if index < len(starts) and starts[index] == offset else None

    runs = []  # (first line, line after the last) of each run of body lines
    position = start
    for region_start, region_end in [*regions, (length, length)]:
        if region_end <= position and region_start < length:
            continue
        first, stop = line_at(position), line_at(max(region_start, position))
        if first is None or stop is None:
            return None  # a boundary inside a line
        runs.append((first, stop))
        position = max(position, region_end)
    found: list[tuple[int, int]] = []
    ends = [*starts[1:], length]
    for first, stop in runs:
        found += zip(starts[first:stop], ends[first:stop], strict=True)
        texts += lines[first:stop]
    return found
