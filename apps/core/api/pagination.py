from rest_framework import pagination
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request

MAX_PAGE_SIZE = 100
PAGE_SIZE_ERROR = f"page_size must be a whole number from 1 to {MAX_PAGE_SIZE}."


class PageNumberPagination(pagination.PageNumberPagination):
    """``count``, ``next``, ``previous``, ``results``; ``?page_size=`` up to 100.

    A page size out of range is refused (400) rather than silently cut, so a client never
    believes it received everything when it did not.
    """

    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    page_size_query_description = (
        f"Results per page: 1 to {MAX_PAGE_SIZE} (default 25); more is refused with a 400."
    )

    def get_page_size(self, request: Request) -> int:
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        if not raw.isdigit() or not 1 <= int(raw) <= self.max_page_size:
            raise ValidationError({self.page_size_query_param: [PAGE_SIZE_ERROR]})
        return int(raw)
