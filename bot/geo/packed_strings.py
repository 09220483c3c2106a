"""Compact string columns for the city index: UTF-8 in one buffer, or small integer codes."""

from array import array
from collections.abc import Iterator, Sequence
from itertools import accumulate

_ENCODING = "utf-8"
_SURROGATES = "surrogatepass"  # keeps any string encodable; UTF-8 order is code point order


class PackedStrings:
    """A growable list of strings stored as UTF-8 in one bytearray plus an end-offset array.

    About one byte per character and four per string, instead of a ~50-byte str object
    each. Indexing decodes a fresh str; bisect works when the strings were added sorted.
    """

    __slots__ = ("_blob", "_ends")

    def __init__(self) -> None:
        self._blob = bytearray()
        self._ends = array("I", [0])

    def __len__(self) -> int:
        return len(self._ends) - 1

    def __getitem__(self, index: int) -> str:
        if index < 0:
            index += len(self)
        start, end = self._ends[index], self._ends[index + 1]
        return self._blob[start:end].decode(_ENCODING, _SURROGATES)

    def append_encoded(self, data: bytes) -> None:
        """Add a string given as its UTF-8 (surrogatepass) bytes."""
        self._blob += data
        self._ends.append(len(self._blob))

    def append(self, text: str) -> None:
        """Add a string."""
        self.append_encoded(text.encode(_ENCODING, _SURROGATES))

    def extend_encoded(self, items: Sequence[bytes]) -> None:
        """Add many strings given as their UTF-8 (surrogatepass) bytes, in one go."""
        ends = accumulate(map(len, items), initial=len(self._blob))
        next(ends)  # the current end, already recorded
        self._ends.extend(ends)
        for item in items:  # no joined copy: that would be a second blob-sized buffer
            self._blob += item


class CodedStrings:
    """A column of often-repeated strings (zones, countries) as 2-byte codes into a table."""

    __slots__ = ("_codes", "_to_code", "values")

    def __init__(self) -> None:
        self.values: list[str] = []
        self._to_code: dict[str, int] = {}
        self._codes = array("H")

    def __len__(self) -> int:
        return len(self._codes)

    def __getitem__(self, index: int) -> str:
        return self.values[self._codes[index]]

    def __iter__(self) -> Iterator[str]:
        return map(self.values.__getitem__, self._codes)

    def append(self, text: str) -> None:
        """Add a value, reusing its code if it was seen before."""
        code = self._to_code.setdefault(text, len(self.values))
        if code == len(self.values):
            self.values.append(text)
        self._codes.append(code)
