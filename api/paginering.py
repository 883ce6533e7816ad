"""The API's one paginator, the default of every list endpoint (REST_FRAMEWORK in settings):
pages of 50 (`?aantal=` up to 200), with the total from the database."""

from rest_framework.pagination import PageNumberPagination


class Paginering(PageNumberPagination):
    page_size = 50
    page_size_query_param = "aantal"
    max_page_size = 200
