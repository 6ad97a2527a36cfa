//! The client's address: the connection's peer, or, when the peer is a proxy listed in
//! `TRUSTED_PROXIES`, the address that proxy reports (`Forwarded: for=…` or `X-Forwarded-For`),
//! read from the right past every trusted hop. A header from an untrusted peer is ignored: anyone
//! can send one.

use std::net::IpAddr;

use axum::{
    extract::FromRequestParts,
    http::{HeaderMap, request::Parts},
};
use ipnet::IpNet;

use super::{AppState, serve::ClientAddr};

/// The client's address as the throttles and the log know it, if the connection has one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientAddress(pub Option<IpAddr>);

impl FromRequestParts<AppState> for ClientAddress {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let peer = parts.extensions.get::<ClientAddr>().map(|c| c.0.ip());
        Ok(ClientAddress(peer.map(|p| client_of(p, &parts.headers, &state.trusted_proxies))))
    }
}

/// The hops a proxy reports, nearest last: `Forwarded` if present, else `X-Forwarded-For`. A
/// hop that is not an address (`unknown`, an obfuscated name) ends the list there.
fn reported_hops(headers: &HeaderMap) -> Vec<Option<IpAddr>> {
    let forwarded: Vec<Option<IpAddr>> = headers
        .get_all("forwarded")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|element| {
            element.split(';').find_map(|pair| {
                let (k, v) = pair.trim().split_once('=')?;
                k.trim().eq_ignore_ascii_case("for").then(|| parse_node(v.trim()))
            })
        })
        .collect();
    if !forwarded.is_empty() {
        return forwarded;
    }
    headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|hop| parse_node(hop.trim()))
        .collect()
}

/// `192.0.2.60`, `"[2001:db8::1]:4711"`, `198.51.100.17:80`, as an address.
fn parse_node(node: &str) -> Option<IpAddr> {
    let node = node.trim_matches('"');
    if let Ok(ip) = node.parse() {
        return Some(ip);
    }
    if let Some(rest) = node.strip_prefix('[') {
        return rest.split(']').next()?.parse().ok();
    }
    node.rsplit_once(':').and_then(|(host, _)| host.parse().ok())
}

/// The client behind `peer`: the first reported hop, from the right, that is not a trusted proxy.
pub fn client_of(peer: IpAddr, headers: &HeaderMap, trusted: &[IpNet]) -> IpAddr {
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|net| net.contains(ip));
    if !is_trusted(&peer) {
        return peer;
    }
    let mut client = peer;
    for hop in reported_hops(headers).into_iter().rev() {
        match hop {
            Some(ip) if is_trusted(&ip) => client = ip,
            Some(ip) => return ip,
            // What the proxy could not name, it could not vouch for: stop at the last proxy.
            None => return client,
        }
    }
    client
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(*k, HeaderValue::from_static(v));
        }
        h
    }

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn an_untrusted_peer_is_the_client_whatever_it_says() {
        let trusted: Vec<IpNet> = vec!["10.0.0.0/8".parse().unwrap()];
        let h = headers(&[("x-forwarded-for", "1.2.3.4")]);
        assert_eq!(client_of(ip("203.0.113.9"), &h, &trusted), ip("203.0.113.9"));
        assert_eq!(client_of(ip("203.0.113.9"), &h, &[]), ip("203.0.113.9"));
    }

    #[test]
    fn behind_trusted_proxies_the_client_is_the_first_untrusted_hop_from_the_right() {
        let trusted: Vec<IpNet> = vec!["10.0.0.0/8".parse().unwrap(), "127.0.0.1/32".parse().unwrap()];
        // A client may put anything first; only the hops the proxies added count.
        let h = headers(&[("x-forwarded-for", "6.6.6.6, 198.51.100.7, 10.1.2.3")]);
        assert_eq!(client_of(ip("127.0.0.1"), &h, &trusted), ip("198.51.100.7"));
        let h = headers(&[("forwarded", "for=6.6.6.6, for=\"[2001:db8::1]:4711\";proto=https, for=10.9.9.9")]);
        assert_eq!(client_of(ip("10.0.0.1"), &h, &trusted), ip("2001:db8::1"));
        // Nothing reported, or only proxies: the nearest proxy.
        assert_eq!(client_of(ip("10.0.0.1"), &HeaderMap::new(), &trusted), ip("10.0.0.1"));
        let h = headers(&[("x-forwarded-for", "unknown, 10.2.2.2")]);
        assert_eq!(client_of(ip("10.0.0.1"), &h, &trusted), ip("10.2.2.2"));
    }
}
