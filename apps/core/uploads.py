"""Uploads read into memory only, within a limit: never spooled to a temporary file."""

import io

from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import HttpRequest

# Room for the multipart envelope around the file (boundaries, headers, the CSRF token).
MULTIPART_ALLOWANCE = 64 * 1024


class BoundedMemoryUploadHandler(FileUploadHandler):
    """Keeps an uploaded file in memory up to ``max_bytes``; skips a larger one.

    Django's default handlers write a file over 2.5 MB to a temporary file; an upload that
    must never be stored anywhere gets this handler alone (``request.upload_handlers``),
    before anything reads the body, so its view is CSRF-exempt and checks CSRF itself.
    """

    def __init__(self, request: HttpRequest, max_bytes: int) -> None:
        super().__init__(request)
        self.max_bytes = max_bytes
        self.too_large = False
        self.buffer = io.BytesIO()

    def new_file(self, *args: object, **kwargs: object) -> None:
        super().new_file(*args, **kwargs)
        self.buffer = io.BytesIO()

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        if start + len(raw_data) > self.max_bytes:
            self.too_large = True
            self.buffer = io.BytesIO()
            raise SkipFile
        self.buffer.write(raw_data)

    def file_complete(self, file_size: int) -> InMemoryUploadedFile:
        self.buffer.seek(0)
        return InMemoryUploadedFile(
            file=self.buffer,
            field_name=self.field_name,
            name=self.file_name,
            content_type=self.content_type,
            size=file_size,
            charset=self.charset,
            content_type_extra=self.content_type_extra,
        )


def declared_length(request: HttpRequest) -> int:
    """The body's length as the client declares it (0 when it does not, or not as a number)."""
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0
