from . import queries


class FrameworkVersionMiddleware:
    """Each request checks the framework's version once (see queries.compiled)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        queries.forget_version()
        try:
            return self.get_response(request)
        finally:
            queries.forget_version()
