from typing import Any

from rest_framework import pagination
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request

MAX_PAGE_SIZE = 100
PAGE_SIZE_ERROR = f"page_size must be a whole number from 1 to {MAX_PAGE_SIZE}."
PAGE_ERROR = 'page must be a whole number from 1, or "last".'
NO_SUCH_PAGE = "No such page: the list has fewer pages."


def _whole_number(raw: str) -> int | None:
    """``raw`` as a number written in ASCII digits, else None.

    ``str.isdigit()`` is true for "²" and "①", which ``int()`` refuses.
    """
    return int(raw) if raw.isascii() and raw.isdigit() else None


class PageNumberPagination(pagination.PageNumberPagination):
    """``count``, ``next``, ``previous``, ``results``; ``?page_size=`` up to 100.

    A page size out of range is refused (400) rather than silently cut, so a client never
    believes it received everything when it did not. So is a page number that is not one
    (400); a page past the last is a 404.
    """

    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    page_size_query_description = (
        f"Results per page: 1 to {MAX_PAGE_SIZE} (default 25); more is refused with a 400."
    )
    page_query_description = "A page number from 1; a page past the last is a 404."
    invalid_page_message = NO_SUCH_PAGE

    def get_page_size(self, request: Request) -> int:
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        size = _whole_number(raw)
        if size is None or not 1 <= size <= self.max_page_size:
            raise ValidationError({self.page_size_query_param: [PAGE_SIZE_ERROR]})
        return size

    def get_page_number(self, request: Request, paginator: Any) -> int:
        raw = request.query_params.get(self.page_query_param)
        if raw is None:
            return 1
        if raw in self.last_page_strings:
            return paginator.num_pages
        number = _whole_number(raw)
        if number is None or number < 1:
            raise ValidationError({self.page_query_param: [PAGE_ERROR]})
        return number

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        parameters = super().get_schema_operation_parameters(view)
        limits = {
            self.page_query_param: {"minimum": 1},
            self.page_size_query_param: {"minimum": 1, "maximum": self.max_page_size},
        }
        for parameter in parameters:
            parameter["schema"].update(limits.get(parameter["name"], {}))
        return parameters
