"""Pagination with a stable order and a caller-chosen page size."""
from rest_framework.pagination import PageNumberPagination

from capdev.core import fields
from capdev.core.params import Parameters

MAX_PAGE_SIZE = 500


class StandardPagination(PageNumberPagination):
    """`?page=N&page_size=M` (at most 500 a page); a page or size that is not a number in range is a 400 naming
    it, a page past the last a 404."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    parameters = Parameters(page=fields.PAGE, page_size=fields.WholeNumber(1, MAX_PAGE_SIZE))

    def get_page_size(self, request):
        return self.parameters.read(request, request.query_params)["page_size"] or self.page_size

    def get_page_number(self, request, paginator):
        if request.query_params.get(self.page_query_param) in self.last_page_strings:  # ?page=last
            return paginator.num_pages
        return self.parameters.read(request, request.query_params)["page"] or 1
