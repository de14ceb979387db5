"""Who sent a request, as the sign-in lockout and the rate limits count it.

Behind a reverse proxy every request reaches Careermap from the proxy's address: counted by
that, one person's failed sign-ins or password-reset requests would lock out everyone, on
every instance. PROXY_COUNT says how many proxies stand in front; each appends the address it
was reached from to X-Forwarded-For, so the client is that many entries from the right.
Anything further left was sent by the client itself and proves nothing.
"""

import ipaddress

from django.conf import settings


def client_address(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.PROXY_COUNT
    if not count:
        return remote
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    hops = [hop for hop in hops if hop]
    if len(hops) < count:
        # Not through the proxies (a probe on the machine itself): the connection's address.
        return remote
    try:
        return str(ipaddress.ip_address(hops[-count]))
    except ValueError:
        return remote
