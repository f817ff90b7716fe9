//! Who a request comes from: the connection's peer, unless that peer is a proxy the
//! merchant trusts; then the address that proxy says it forwarded for (`Forwarded`, else
//! `X-Forwarded-For`). A client cannot choose its own address by sending these headers: they
//! are read only from a trusted proxy, and only as far back as the proxies are trusted.

use std::net::{IpAddr, SocketAddr};

/// The client's address for a request from `peer` carrying these headers (their values, as
/// received; several headers of one name joined with ",").
pub fn client_address(
    peer: IpAddr,
    forwarded: Option<&str>,
    x_forwarded_for: Option<&str>,
    trusted: &[IpAddr],
) -> IpAddr {
    if !trusted.contains(&peer) {
        return peer;
    }
    let hops: Option<Vec<IpAddr>> = match (forwarded, x_forwarded_for) {
        (Some(forwarded), _) => forwarded.split(',').map(forwarded_for).collect(),
        (None, Some(list)) => list.split(',').map(|hop| parse_ip(hop.trim())).collect(),
        (None, None) => None,
    };
    // The nearest hop that is not one of the merchant's proxies is the client. A hop that
    // cannot be read stops the walk: what lies behind it is the client's own say.
    let Some(hops) = hops else {
        return peer;
    };
    let mut client = peer;
    for hop in hops.into_iter().rev() {
        client = hop;
        if !trusted.contains(&hop) {
            break;
        }
    }
    client
}

/// The `for=` address of one `Forwarded` element (RFC 7239): `for=192.0.2.60`,
/// `for="[2001:db8::1]:4711"`.
fn forwarded_for(element: &str) -> Option<IpAddr> {
    element.split(';').find_map(|pair| {
        let (name, value) = pair.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("for")
            .then(|| parse_ip(value.trim().trim_matches('"')))?
    })
}

/// An address with or without its port: `192.0.2.60`, `192.0.2.60:80`, `[2001:db8::1]:4711`,
/// `2001:db8::1`.
fn parse_ip(text: &str) -> Option<IpAddr> {
    text.parse::<IpAddr>()
        .ok()
        .or_else(|| text.parse::<SocketAddr>().ok().map(|a| a.ip()))
        .or_else(|| {
            text.strip_prefix('[')
                .and_then(|t| t.strip_suffix(']'))
                .and_then(|t| t.parse().ok())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn the_peer_is_the_client_unless_it_is_a_trusted_proxy() {
        let proxy = ip("10.0.0.5");
        let trusted = [proxy];
        // A client's own headers are not believed.
        assert_eq!(
            client_address(ip("203.0.113.9"), None, Some("198.51.100.1"), &trusted),
            ip("203.0.113.9")
        );
        assert_eq!(
            client_address(proxy, None, Some("198.51.100.1"), &trusted),
            ip("198.51.100.1")
        );
        assert_eq!(client_address(proxy, None, None, &trusted), proxy);
    }

    #[test]
    fn only_the_hops_the_merchant_trusts_are_walked_back() {
        let (proxy, inner) = (ip("10.0.0.5"), ip("10.0.0.6"));
        let trusted = [proxy, inner];
        // The client wrote "1.1.1.1" itself; the proxies appended what they saw.
        let list = "1.1.1.1, 198.51.100.7, 10.0.0.6";
        assert_eq!(
            client_address(proxy, None, Some(list), &trusted),
            ip("198.51.100.7")
        );
        assert_eq!(
            client_address(proxy, None, Some("garbage, 198.51.100.7"), &trusted),
            proxy,
            "a list that cannot be read is not believed"
        );
    }

    #[test]
    fn forwarded_wins_over_x_forwarded_for_and_reads_ports_and_ipv6() {
        let proxy = ip("::1");
        let trusted = [proxy];
        assert_eq!(
            client_address(
                proxy,
                Some(r#"for="[2001:db8::17]:4711";proto=https"#),
                Some("198.51.100.1"),
                &trusted
            ),
            ip("2001:db8::17")
        );
        assert_eq!(
            client_address(
                proxy,
                Some("for=192.0.2.60:80, For=192.0.2.61"),
                None,
                &trusted
            ),
            ip("192.0.2.61")
        );
    }
}
