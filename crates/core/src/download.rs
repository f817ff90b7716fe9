//! How a catalog's download goes: how far it has come, as the shopper is shown it, and
//! when a feed read whole is large enough that the merchant should pack it.

/// Bytes in a megabyte, as download sizes are counted.
const MB: u64 = 1_000_000;

/// A feed read whole with more products than this is worth packing.
pub const PACK_ABOVE_PRODUCTS: usize = 2_000;

/// A feed read whole with more bytes than this is worth packing.
pub const PACK_ABOVE_BYTES: u64 = 2 * MB;

/// How much of the catalog has arrived while it downloads.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Progress {
    /// Bytes of the body received so far, as they arrive (decompressed).
    pub received: u64,
    /// The size of the whole body, when known.
    pub total: Option<u64>,
}

impl Progress {
    /// `total` is the size the server announced. It is dropped once more than that has
    /// arrived: a compressed response announces its compressed size, which is smaller
    /// than what arrives, and a browser does not always say it was compressed.
    pub fn new(received: u64, total: Option<u64>) -> Self {
        Progress {
            received,
            total: total.filter(|&total| total >= received),
        }
    }

    /// Whole megabytes received (rounded down) and expected (rounded), once the catalog
    /// is known to be a megabyte or more: below that it loads too fast to count.
    pub fn megabytes(self) -> Option<(u64, Option<u64>)> {
        if self.total.unwrap_or(self.received) < MB {
            return None;
        }
        Some((
            self.received / MB,
            self.total.map(|total| (total + MB / 2) / MB),
        ))
    }
}

/// "4.2 MB": a size for the merchant, to a tenth of a megabyte (worked out in integers:
/// formatting a float would add kilobytes to the widget); "512 bytes" below a tenth.
pub fn size(bytes: u64) -> String {
    if bytes < MB / 20 {
        return format!("{bytes} bytes");
    }
    let tenths = (bytes + MB / 20) / (MB / 10);
    format!("{}.{} MB", tenths / 10, tenths % 10)
}

/// What to tell the merchant, on the console, about a feed read whole that is large
/// enough to make shoppers wait: its size, how long after the page began to load it was
/// ready (`ms`), and the command that packs it into pieces. `None` for a feed small enough
/// to read whole.
pub fn pack_advice(url: &str, bytes: u64, products: usize, ms: u64) -> Option<String> {
    if bytes <= PACK_ABOVE_BYTES && products <= PACK_ABOVE_PRODUCTS {
        return None;
    }
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let file = match path.rsplit('/').next() {
        Some(name) if !name.is_empty() => name,
        _ => "FEED",
    };
    Some(format!(
        "chatcart: the feed {url} is large ({}, {products} products): it was ready {ms} ms \
         after the page began to load here, and on a slow phone network it takes much \
         longer. Pack it with \
         `chatcart pack {file} --out catalog` and point data-catalog at \
         catalog/manifest.json: shoppers then download only the pieces they need.",
        size(bytes)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_announced_size_is_kept_until_more_than_it_arrives() {
        assert_eq!(Progress::new(5, Some(10)).total, Some(10));
        assert_eq!(Progress::new(10, Some(10)).total, Some(10));
        // A brotli-compressed body: Content-Length counted the compressed bytes.
        assert_eq!(Progress::new(11, Some(10)).total, None);
        assert_eq!(Progress::new(3, None).total, None);
    }

    #[test]
    fn megabytes_are_counted_once_there_is_a_megabyte_to_count() {
        assert_eq!(Progress::new(400_000, Some(900_000)).megabytes(), None);
        assert_eq!(Progress::new(999_999, None).megabytes(), None);
        assert_eq!(
            Progress::new(0, Some(34_400_000)).megabytes(),
            Some((0, Some(34)))
        );
        assert_eq!(
            Progress::new(12_900_000, Some(34_400_000)).megabytes(),
            Some((12, Some(34)))
        );
        assert_eq!(
            Progress::new(34_400_000, Some(34_400_000)).megabytes(),
            Some((34, Some(34))),
            "the last byte reads as all of it"
        );
        assert_eq!(
            Progress::new(2_118_615, Some(4_237_231)).megabytes(),
            Some((2, Some(4)))
        );
        assert_eq!(Progress::new(1_000_000, None).megabytes(), Some((1, None)));
    }

    #[test]
    fn sizes_for_the_merchant_have_one_decimal_or_are_counted_in_bytes() {
        assert_eq!(size(4_237_231), "4.2 MB");
        assert_eq!(size(34_960_000), "35.0 MB");
        assert_eq!(size(1_049_999), "1.0 MB");
        assert_eq!(size(1_050_000), "1.1 MB");
        assert_eq!(size(50_000), "0.1 MB");
        assert_eq!(size(49_999), "49999 bytes");
        assert_eq!(size(0), "0 bytes");
    }

    #[test]
    fn a_large_feed_is_told_to_be_packed_with_the_command() {
        let advice = pack_advice("/feeds/dmart.csv", 4_237_231, 6387, 1830).unwrap();
        assert_eq!(
            advice,
            "chatcart: the feed /feeds/dmart.csv is large (4.2 MB, 6387 products): it was \
             ready 1830 ms after the page began to load here, and on a slow phone network it \
             takes much longer. Pack it with `chatcart pack dmart.csv --out catalog` and point data-catalog at \
             catalog/manifest.json: shoppers then download only the pieces they need."
        );
        // Many small products, or few large ones, are each enough.
        assert!(pack_advice("feed.csv", 900_000, 2_001, 300).is_some());
        assert!(pack_advice("feed.csv", 2_000_001, 150, 300).is_some());
    }

    #[test]
    fn a_small_feed_is_not_told_anything() {
        assert_eq!(pack_advice("feed.csv", 2_000_000, 2_000, 300), None);
        assert_eq!(pack_advice("/shirts.tsv", 800, 4, 20), None);
    }

    #[test]
    fn the_command_names_the_feeds_file_without_its_query() {
        let advice = |url| pack_advice(url, 5_000_000, 10, 1).unwrap();
        assert!(advice("https://shop.example/export/products.xml?key=1#top")
            .contains("`chatcart pack products.xml --out catalog`"));
        assert!(advice("https://shop.example/").contains("`chatcart pack FEED --out catalog`"));
    }
}
