"""What an uploaded file really is, read from its content rather than its name."""

import filetype

# filetype reads at most this many bytes; office formats (DOCX, ODT) need more than the
# first few hundred.
HEAD_SIZE = 8192


def sniffed_mime(upload):
    """The MIME type of `upload` from its first bytes (None if unknown); the file is left
    at its start for whoever saves it."""
    head = upload.read(HEAD_SIZE)
    upload.seek(0)
    kind = filetype.guess(head)
    return kind.mime if kind is not None else None
