//! The client's address: the connection's peer, or, when the peer is one of the trusted
//! proxies (`--trusted-proxies`), the address the proxy saw and wrote into `Forwarded`
//! (RFC 7239) or `X-Forwarded-For`. Throttles, rate limits, `/metrics` and the log use it.
//!
//! The headers are read from the right: each proxy appends the address it was called from,
//! so the first address from the right that is not a trusted proxy is the client; whatever a
//! client wrote into the header itself stands left of it and is never believed. Without
//! trusted proxies the headers are ignored.

use std::net::{IpAddr, SocketAddr};

use axum::{
    Extension,
    extract::{ConnectInfo, Request, State},
    http::HeaderMap,
    middleware::Next,
    response::Response,
};
use ipnet::IpNet;

/// The address a request came from, as far as it can be told.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientAddress(pub Option<IpAddr>);

impl ClientAddress {
    /// The address set by [`resolve`] on `request`, else the connection's peer.
    pub fn of(
        known: Option<Extension<ClientAddress>>,
        peer: Option<Extension<ConnectInfo<SocketAddr>>>,
    ) -> Self {
        match (known, peer) {
            (Some(Extension(known)), _) => known,
            (None, Some(Extension(ConnectInfo(peer)))) => Self(Some(peer.ip())),
            (None, None) => Self(None),
        }
    }
}

/// Reads a proxy given as a network (`10.0.0.0/8`, `::1/128`) or a single address.
pub fn parse_proxy(text: &str) -> Result<IpNet, String> {
    let text = text.trim();
    text.parse::<IpNet>()
        .or_else(|_| text.parse::<IpAddr>().map(IpNet::from))
        .map_err(|_| format!("`{text}` is neither an address nor a network like 10.0.0.0/8"))
}

/// The client's address for a request from `peer` with `headers`.
pub fn client_address(peer: IpAddr, headers: &HeaderMap, trusted: &[IpNet]) -> IpAddr {
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|net| net.contains(ip));
    let peer = canonical(peer);
    if !is_trusted(&peer) {
        return peer;
    }
    let hops = forwarded_for(headers);
    let mut client = peer;
    for hop in hops.iter().rev() {
        match hop {
            Some(ip) => {
                client = *ip;
                if !is_trusted(ip) {
                    break;
                }
            }
            // An address the proxy did not know (`unknown`, an obfuscated name): the hop
            // before it is the last one that can be told.
            None => break,
        }
    }
    client
}

/// IPv4 addresses a dual-stack socket reports as `::ffff:a.b.c.d` are compared as IPv4.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        IpAddr::V4(_) => ip,
    }
}

/// The addresses the proxies recorded, leftmost first: from `Forwarded` when present, else
/// from `X-Forwarded-For`; `None` for an entry that names no address.
fn forwarded_for(headers: &HeaderMap) -> Vec<Option<IpAddr>> {
    let values = |name: &str| -> Vec<String> {
        headers
            .get_all(name)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| value.split(','))
            .map(|part| part.trim().to_owned())
            .filter(|part| !part.is_empty())
            .collect()
    };
    let forwarded = values("forwarded");
    if !forwarded.is_empty() {
        return forwarded
            .iter()
            .map(|element| {
                element
                    .split(';')
                    .filter_map(|pair| pair.split_once('='))
                    .find(|(name, _)| name.trim().eq_ignore_ascii_case("for"))
                    .and_then(|(_, node)| node_address(node))
            })
            .collect();
    }
    values("x-forwarded-for")
        .iter()
        .map(|entry| node_address(entry))
        .collect()
}

/// The address in a node: `192.0.2.1`, `"192.0.2.1:4711"`, `"[2001:db8::1]:4711"`, `2001:db8::1`.
fn node_address(node: &str) -> Option<IpAddr> {
    let node = node.trim().trim_matches('"');
    if let Ok(ip) = node.parse::<IpAddr>() {
        return Some(canonical(ip));
    }
    if let Some(rest) = node.strip_prefix('[') {
        let (inside, _) = rest.split_once(']')?;
        return inside.parse::<IpAddr>().ok().map(canonical);
    }
    node.parse::<SocketAddr>()
        .ok()
        .map(|addr| canonical(addr.ip()))
}

/// Middleware: sets [`ClientAddress`] on every request.
pub async fn resolve(
    State(trusted): State<std::sync::Arc<Vec<IpNet>>>,
    peer: Option<Extension<ConnectInfo<SocketAddr>>>,
    mut request: Request,
    next: Next,
) -> Response {
    let address = peer
        .map(|Extension(ConnectInfo(peer))| client_address(peer.ip(), request.headers(), &trusted));
    request.extensions_mut().insert(ClientAddress(address));
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap_or(IpAddr::from([0, 0, 0, 0]))
    }

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(*name, axum::http::HeaderValue::from_static(value));
        }
        map
    }

    fn proxies(list: &[&str]) -> Vec<IpNet> {
        list.iter().filter_map(|p| parse_proxy(p).ok()).collect()
    }

    #[test]
    fn the_headers_count_only_from_trusted_proxies() {
        let spoofed = headers(&[("x-forwarded-for", "203.0.113.7")]);
        let peer = ip("198.51.100.2");
        assert_eq!(client_address(peer, &spoofed, &[]), peer);
        assert_eq!(
            client_address(peer, &spoofed, &proxies(&["127.0.0.1"])),
            peer
        );
        assert_eq!(
            client_address(ip("127.0.0.1"), &spoofed, &proxies(&["127.0.0.0/8"])),
            ip("203.0.113.7")
        );
    }

    #[test]
    fn the_client_is_the_first_untrusted_address_from_the_right() {
        let trusted = proxies(&["10.0.0.0/8", "::1"]);
        // The client wrote 1.2.3.4 itself; the proxy appended what it saw.
        let chain = headers(&[("x-forwarded-for", "1.2.3.4, 203.0.113.7, 10.0.0.5")]);
        assert_eq!(
            client_address(ip("10.0.0.1"), &chain, &trusted),
            ip("203.0.113.7")
        );
        let split = headers(&[
            ("x-forwarded-for", "1.2.3.4"),
            ("x-forwarded-for", "203.0.113.8"),
        ]);
        assert_eq!(
            client_address(ip("::1"), &split, &trusted),
            ip("203.0.113.8")
        );
        // Only proxies in the chain: the leftmost.
        let inner = headers(&[("x-forwarded-for", "10.1.1.1, 10.0.0.5")]);
        assert_eq!(
            client_address(ip("10.0.0.1"), &inner, &trusted),
            ip("10.1.1.1")
        );
        // No header: the proxy itself.
        assert_eq!(
            client_address(ip("10.0.0.1"), &HeaderMap::new(), &trusted),
            ip("10.0.0.1")
        );
    }

    #[test]
    fn forwarded_is_read_in_its_forms() {
        let trusted = proxies(&["127.0.0.1/32"]);
        let peer = ip("127.0.0.1");
        for (value, expected) in [
            ("for=192.0.2.60;proto=https;by=203.0.113.43", "192.0.2.60"),
            ("for=\"[2001:db8:cafe::17]:4711\"", "2001:db8:cafe::17"),
            ("for=\"192.0.2.61:8080\"", "192.0.2.61"),
            ("for=198.51.100.1, For=192.0.2.62", "192.0.2.62"),
            // An unknown hop right of the client: the proxy is all that can be told.
            ("for=192.0.2.63, for=unknown", "127.0.0.1"),
        ] {
            let map = headers(&[("forwarded", value)]);
            assert_eq!(
                client_address(peer, &map, &trusted),
                ip(expected),
                "{value}"
            );
        }
        // `Forwarded` wins over `X-Forwarded-For`.
        let both = headers(&[
            ("forwarded", "for=192.0.2.64"),
            ("x-forwarded-for", "192.0.2.65"),
        ]);
        assert_eq!(client_address(peer, &both, &trusted), ip("192.0.2.64"));
    }

    #[test]
    fn proxies_are_networks_or_addresses() {
        assert!(parse_proxy("10.0.0.0/8").is_ok());
        assert!(parse_proxy(" 127.0.0.1 ").is_ok());
        assert!(parse_proxy("fd00::/8").is_ok());
        assert!(parse_proxy("localhost").is_err());
        assert!(parse_proxy("10.0.0.0/33").is_err());
        let mapped = ip("::ffff:127.0.0.1");
        let spoofed = headers(&[("x-forwarded-for", "203.0.113.9")]);
        assert_eq!(
            client_address(mapped, &spoofed, &proxies(&["127.0.0.1"])),
            ip("203.0.113.9")
        );
    }
}
