"""The one exception every codings reader raises for a file it cannot read.

It lives below every reader (tidy CSV, REFI-QDA, the archive reader, the codebook) so that none of
them has to import another just to raise it.
"""

from __future__ import annotations


class CodingFileError(ValueError):
    """A codings file cannot be read at all (encoding, columns, format, size, unsafe archive).

    The message always starts with the file name, names the row or element where there is one,
    and says what to do about it. ``codings check`` turns it into exit code 2 ("unreadable").
    """
