"""One place decides whether a request gets a whole page or just the part HTMX swaps in."""


def htmx_partial(request, page: str, partial: str) -> str:
    # A boosted navigation wants the whole page; only a targeted HTMX request gets the partial.
    htmx = getattr(request, "htmx", None)
    if htmx and not htmx.boosted:
        return partial
    return page
