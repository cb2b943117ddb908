"""The address of the person at the other end of a request.

Behind the reverse proxy every request comes from the proxy (REMOTE_ADDR 127.0.0.1), and
the client's address is in X-Forwarded-For, which nginx extends with the address it saw
(`$proxy_add_x_forwarded_for`). Anyone can send that header, so it is believed only when
the request came from a proxy named in SABOR_TRUSTED_PROXIES, and then only up to the
right-most hop that is not itself a trusted proxy: everything left of it was written by
the client and may be forged. Rate limits (allauth's sign-in and sign-up limits through
the account adapter, Sabor's own in core.ratelimit) count by this address."""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def _parse(value: str) -> Address | None:
    try:
        address = ipaddress.ip_address(value.strip())
    except ValueError:
        return None
    # An IPv4 client seen through an IPv6 socket (::ffff:a.b.c.d) counts as its IPv4 address.
    return getattr(address, "ipv4_mapped", None) or address


def client_ip(request) -> str:
    remote = _parse(request.META.get("REMOTE_ADDR", ""))
    if remote is None:
        return request.META.get("REMOTE_ADDR", "") or "unknown"
    trusted = _networks(tuple(settings.SABOR_TRUSTED_PROXIES))

    def is_trusted(address: Address) -> bool:
        return any(address in network for network in trusted)

    client = remote
    if is_trusted(remote):
        hops = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        for hop in reversed(hops):
            address = _parse(hop)
            if address is None:
                break  # a malformed hop: nothing left of it can be believed
            client = address
            if not is_trusted(address):
                break
    return str(client)
