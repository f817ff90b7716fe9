//! Catalog search: a sorted vocabulary of normalised words with the products each appears
//! in, so a keystroke costs a few binary searches, not a scan. Matches whole words, word
//! prefixes and (for a word matching nothing else) near misspellings; titles weigh more
//! than brands, brands more than categories.
//!
//! The same search runs on a whole index in memory and on a catalog pack's index, whose
//! postings arrive in pieces: everything ranking needs of a product travels in its
//! postings, so both rank alike.

use crate::lexicon;
use crate::product::{Category, Product};
use crate::source::{Awaited, Lookup};
use crate::text::{is_word_char, lower, TextMap};

/// Weight of a word by where it appears in the product.
pub const TITLE: u8 = 3;
pub const BRAND: u8 = 2;
pub const CATEGORY: u8 = 1;

/// Quality of a match between a query word and a catalog word, times the word's weight
/// (1 to 3) in the product.
///
/// The word as typed.
const EXACT: u32 = 10;
/// A word the lexicon gives for the typed one ("aloo" → "potato"): the shopper named the
/// thing in their own words, as surely as if they had typed the catalog's, so it ranks
/// as the word typed; among equals the shorter title still wins ("doodh": "Cow Milk 1L"
/// before "Patanjali Doodh Biscuits").
const LEXICON: u32 = EXACT;
/// Added to a product named by two of a query word's names, as typed or as the lexicon
/// gives them: "Fresh Potato (Aloo)" is a surer answer to "aloo" than "Aloo Bhujia" or
/// "Potato Chips", "Fresh Tomato (Tamaatar)" to "tamatar" than "Tomato Ketchup". Small
/// beside what a word's place adds (10 from brand to title for a word as typed), so it
/// orders answers that are otherwise alike.
const CONFIRMED: u32 = 3;
/// A word the shopper is still typing: likely, as the typed letters are all right.
const PREFIX: u32 = 7;
/// A misspelling: the least sure match. Even in a title (× `TITLE`) it stays below any
/// exact, lexicon or prefix match in a category (× `CATEGORY`), so a typo never outranks
/// a word the shopper actually wrote or began.
const TYPO: u32 = 2;
// What the qualities promise, checked as the crate compiles.
const _: () = assert!(TYPO * (TITLE as u32) < PREFIX * (CATEGORY as u32));
const _: () = assert!(PREFIX < EXACT && EXACT <= LEXICON);
const _: () = assert!(CONFIRMED < EXACT * ((TITLE - BRAND) as u32));
/// Added once per pair of query words that stand next to each other in the title:
/// "parle g" is "Parle-G" more than "Parle Marie … 800 g".
const TOGETHER: u32 = 4;
/// Best hits re-ranked for words standing together.
const RERANK: usize = 64;
/// Title positions a posting records, for words standing together.
pub const POSITIONS: usize = 32;

/// Shortest query word matched as a prefix or allowed a typo.
const MIN_PREFIX: usize = 3;
const MIN_TYPO: usize = 4;
/// Below this length, a typo that adds or loses a letter must keep the word's last
/// letter as well as its first ("magi" is "maggi"): a short word with a letter more or
/// less is otherwise too often another word ("bhindi" is not "bindi").
const SHORT_WORD: usize = 6;

/// A product a word appears in, with everything ranking needs of that product.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Posting {
    pub product: u32,
    /// Bit `k` is set when the word is the title's word `k` (of its first 32).
    pub title_positions: u32,
    /// Words in the product's title (255 for more).
    pub title_length: u8,
    /// The word's best weight in the product.
    pub weight: u8,
    pub orderable: bool,
}

/// The sorted, unique words an index knows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Vocabulary {
    words: Vec<String>,
    /// Length of each word in characters, to pass over most words in a typo scan cheaply.
    lengths: Vec<u8>,
}

/// Folds the accented Latin letters Dutch, French, German and Spanish shoppers type.
pub(crate) fn fold(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
        'ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'ý' | 'ÿ' => 'y',
        other => other,
    }
}

/// Devanagari digits as ASCII ones ("२ किलो" is "2 kg"), and Devanagari as typed on any
/// keyboard: without the nukta dot, which some write and some don't ("प्याज़", "प्याज"),
/// and without the invisible joiners some keyboards put between letters.
fn devanagari(c: char) -> Option<char> {
    Some(match c {
        '०'..='९' => char::from(b'0' + (c as u32 - '०' as u32) as u8),
        '\u{93c}' | '\u{200c}' | '\u{200d}' => return None,
        // The letters with a nukta, written as one character.
        '\u{958}' => '\u{915}',
        '\u{959}' => '\u{916}',
        '\u{95a}' => '\u{917}',
        '\u{95b}' => '\u{91c}',
        '\u{95c}' => '\u{921}',
        '\u{95d}' => '\u{922}',
        '\u{95e}' => '\u{92b}',
        '\u{95f}' => '\u{92f}',
        other => other,
    })
}

/// One spelling per unit, as shoppers and feeds write them differently, in Latin
/// letters and in Devanagari.
fn unit(word: &str) -> Option<&'static str> {
    Some(match word {
        "g" | "gm" | "gms" | "gram" | "grams" | "gr" | "grm" | "ग्राम" | "ग्रा" => {
            "g"
        }
        "kg" | "kgs" | "kilo" | "kilos" | "kilogram" | "kilograms" | "killo" | "किलो" | "किग्रा"
        | "केजी" => "kg",
        "ml" | "mls" | "millilitre" | "milliliter" | "मिली" | "एमएल" => "ml",
        "l" | "lt" | "ltr" | "ltrs" | "litre" | "litres" | "liter" | "liters" | "leter"
        | "लीटर" | "लिटर" => "l",
        "pc" | "pcs" | "piece" | "pieces" | "पीस" => "pcs",
        _ => return None,
    })
}

/// "onions" → "onion", "tomatoes" → "tomato": the same on both sides, so it need not be
/// linguistically right, only consistent.
fn stem(word: &str) -> &str {
    if word.len() > 4 && word.ends_with("oes") {
        &word[..word.len() - 2]
    } else if word.len() > 3 && word.ends_with('s') && !word.ends_with("ss") {
        &word[..word.len() - 1]
    } else {
        word
    }
}

/// Lower-cased, accent-folded words with digits split from letters ("5kg" → "5", "kg"),
/// units unified and plurals stemmed.
pub fn words(text: &str) -> Vec<String> {
    let mut raw: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut current_is_digit = false;
    for c in text.chars().map(lower).map(fold) {
        let Some(c) = (if c.is_ascii() { Some(c) } else { devanagari(c) }) else {
            continue;
        };
        let digit = c.is_ascii_digit() || (c == '.' && current_is_digit && !current.is_empty());
        if !is_word_char(c) && !digit {
            if !current.is_empty() {
                raw.push(std::mem::take(&mut current));
            }
            continue;
        }
        if !current.is_empty() && digit != current_is_digit {
            raw.push(std::mem::take(&mut current));
        }
        current_is_digit = digit;
        current.push(c);
    }
    if !current.is_empty() {
        raw.push(current);
    }
    raw.into_iter()
        .map(|w| w.trim_end_matches('.').to_owned())
        .filter(|w| !w.is_empty())
        .map(|w| match unit(&w) {
            Some(unit) => unit.to_owned(),
            None => stem(&w).to_owned(),
        })
        .collect()
}

/// Longest word (in characters) considered for a typo.
const MAX_TYPO_WORD: usize = 32;

/// Edit distance with adjacent transpositions, giving up past `limit`.
fn distance_within(a: &str, b: &str, limit: usize) -> Option<usize> {
    if a.is_ascii() && b.is_ascii() {
        distance_in(a.as_bytes(), b.as_bytes(), limit)
    } else {
        let a: Vec<char> = a.chars().collect();
        let b: Vec<char> = b.chars().collect();
        distance_in(&a, &b, limit)
    }
}

/// The distance itself, on bytes or chars, with three rows on the stack.
fn distance_in<T: PartialEq>(a: &[T], b: &[T], limit: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > limit || a.len() > MAX_TYPO_WORD || b.len() > MAX_TYPO_WORD {
        return None;
    }
    let mut rows = [[0usize; MAX_TYPO_WORD + 1]; 3];
    for (j, cell) in rows[1].iter_mut().enumerate().take(b.len() + 1) {
        *cell = j;
    }
    for i in 1..=a.len() {
        let (current, previous, before) = (i % 3, (i + 2) % 3, (i + 1) % 3);
        rows[current][0] = i;
        let mut best = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut value = (rows[previous][j] + 1)
                .min(rows[current][j - 1] + 1)
                .min(rows[previous][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                value = value.min(rows[before][j - 2] + 1);
            }
            rows[current][j] = value;
            best = best.min(value);
        }
        if best > limit {
            return None;
        }
    }
    let result = rows[a.len() % 3][b.len()];
    (result <= limit).then_some(result)
}

impl Vocabulary {
    /// The vocabulary of these sorted, unique words.
    pub fn new(words: Vec<String>) -> Self {
        let lengths = words
            .iter()
            .map(|w| w.chars().count().min(u8::MAX as usize) as u8)
            .collect();
        Vocabulary { words, lengths }
    }

    pub fn words(&self) -> &[String] {
        &self.words
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Indexes of words matching `query_word`, with the match quality: the word itself,
    /// or else the words it begins and the words it misspells. Only the `last` word of a
    /// query may be unfinished; a word the shopper typed a space after is whole, and the
    /// longer words it begins are no likelier than its misspellings ("magi noodles":
    /// "magic" is no better a guess than "maggi").
    fn matches(&self, query_word: &str, last: bool) -> Vec<(usize, u32)> {
        let start = self.words.partition_point(|w| w.as_str() < query_word);
        if self.words.get(start).is_some_and(|w| w == query_word) {
            return vec![(start, EXACT)];
        }
        let mut found = Vec::new();
        let length = query_word.chars().count();
        if length >= MIN_PREFIX {
            found.extend(
                self.words[start..]
                    .iter()
                    .take_while(|w| w.starts_with(query_word))
                    .enumerate()
                    .map(|(offset, _)| (start + offset, if last { PREFIX } else { TYPO })),
            );
        }
        if length >= MIN_TYPO {
            let limit = if length >= 8 { 2 } else { 1 };
            // A typo keeps the first letter (so shoppers write, and a scan passes over
            // most words at once); see `SHORT_WORD` for the last.
            let first = query_word.chars().next();
            let last = query_word.chars().next_back();
            found.extend(
                self.words
                    .iter()
                    .zip(&self.lengths)
                    .enumerate()
                    .filter(|(_, (_, &l))| usize::from(l).abs_diff(length) <= limit)
                    .filter(|(_, (w, _))| w.chars().next() == first)
                    .filter(|(_, (w, &l))| {
                        length >= SHORT_WORD
                            || usize::from(l) == length
                            || w.chars().next_back() == last
                    })
                    .filter(|(_, (w, _))| !w.starts_with(query_word))
                    .filter(|(_, (w, _))| distance_within(query_word, w, limit).is_some())
                    .map(|(index, _)| (index, TYPO)),
            );
        }
        found
    }

    /// The index of `word` itself, if the vocabulary has it.
    fn exact(&self, word: &str) -> Option<usize> {
        self.words.binary_search_by(|w| w.as_str().cmp(word)).ok()
    }

    /// Indexes of the title words a query word stands for when words standing together
    /// are counted: itself, and the words it begins when it is long enough.
    fn fitting(&self, query_word: &str) -> std::ops::Range<usize> {
        let start = self.words.partition_point(|w| w.as_str() < query_word);
        let end = if query_word.chars().count() >= MIN_PREFIX {
            start
                + self.words[start..]
                    .iter()
                    .take_while(|w| w.starts_with(query_word))
                    .count()
        } else {
            start + usize::from(self.words.get(start).is_some_and(|w| w == query_word))
        };
        start..end
    }
}

/// Per-product buffers a search works in, kept from one search to the next: allocating and
/// zeroing product-sized vectors on every keystroke cost as much as the search did.
#[derive(Default)]
pub struct Scratch(std::sync::Mutex<Buffers>);

#[derive(Default)]
struct Buffers {
    scores: Vec<u32>,
    matched: Vec<u8>,
    /// The current query word's best match per product, and the products it touched.
    best: Vec<u32>,
    /// How many of the current query word's names (as typed or from the lexicon) each
    /// product has, and whether the typed word is one (see `NAMED`).
    names: Vec<u8>,
    touched: Vec<u32>,
    /// Products any query word matched: the only entries to read, and to clear after.
    any: Vec<u32>,
    /// Each matched product's title length and whether it can be ordered, from its postings.
    title_lengths: Vec<u8>,
    orderable: Vec<bool>,
}

/// Scratch space is not part of an index's value: a copy starts with its own.
impl Clone for Scratch {
    fn clone(&self) -> Self {
        Scratch::default()
    }
}

impl PartialEq for Scratch {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for Scratch {}

impl std::fmt::Debug for Scratch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Scratch")
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// The product's place among the catalog's products.
    pub product: usize,
    pub score: u32,
    pub orderable: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SearchResult {
    /// Best first.
    pub hits: Vec<Hit>,
    /// No product matched every word; `hits` match some of them.
    pub partial: bool,
}

/// A whole index in memory.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchIndex {
    vocabulary: Vocabulary,
    /// For each word, the products it appears in.
    postings: Vec<Vec<Posting>>,
    products: usize,
    scratch: Scratch,
}

impl SearchIndex {
    /// The index of `products`, whose categories are among `categories`.
    pub fn build(products: &[Product], categories: &[Category]) -> Self {
        // Words get ids in order of first sight, then are sorted and renumbered.
        let mut ids = TextMap::default();
        let mut postings: Vec<Vec<Posting>> = Vec::new();
        for (index, product) in products.iter().enumerate() {
            let product_index = index as u32;
            let category = categories
                .iter()
                .find(|c| *c.id == *product.category_id)
                .map_or("", |c| c.name.as_str());
            let title = words(&product.title);
            let title_length = title.len().min(u8::MAX as usize) as u8;
            let orderable = product.can_order();
            let fields = [
                (title, TITLE),
                (words(product.brand.as_deref().unwrap_or("")), BRAND),
                (words(category), CATEGORY),
                (
                    words(product.subcategory.as_deref().unwrap_or("")),
                    CATEGORY,
                ),
            ];
            for (field_words, weight) in fields {
                for (position, word) in field_words.into_iter().enumerate() {
                    let next = ids.len() as u32;
                    let id = *ids.entry(word).or_insert(next);
                    if id == next {
                        postings.push(Vec::new());
                    }
                    let at = match weight == TITLE && position < POSITIONS {
                        true => 1 << position,
                        false => 0,
                    };
                    let postings = &mut postings[id as usize];
                    match postings.last_mut() {
                        Some(last) if last.product == product_index => {
                            last.weight = last.weight.max(weight);
                            last.title_positions |= at;
                        }
                        _ => postings.push(Posting {
                            product: product_index,
                            title_positions: at,
                            title_length,
                            weight,
                            orderable,
                        }),
                    }
                }
            }
        }
        let mut by_id: Vec<(String, u32)> = ids.into_iter().collect();
        by_id.sort_unstable();
        let mut sorted_postings: Vec<Vec<Posting>> = vec![Vec::new(); by_id.len()];
        for (sorted, (_, old)) in by_id.iter().enumerate() {
            let list = &mut postings[*old as usize];
            // The slack a growing list leaves, about a quarter, is given back.
            list.shrink_to_fit();
            sorted_postings[sorted] = std::mem::take(list);
        }
        SearchIndex {
            vocabulary: Vocabulary::new(by_id.into_iter().map(|(word, _)| word).collect()),
            postings: sorted_postings,
            products: products.len(),
            scratch: Scratch::default(),
        }
    }

    /// Words in the vocabulary.
    pub fn len(&self) -> usize {
        self.vocabulary.len()
    }

    pub fn is_empty(&self) -> bool {
        self.vocabulary.is_empty()
    }

    pub fn vocabulary(&self) -> &Vocabulary {
        &self.vocabulary
    }

    /// Each word's postings, in the vocabulary's order.
    pub fn postings(&self) -> &[Vec<Posting>] {
        &self.postings
    }

    /// Products matching `query`, best first (see `search`).
    pub fn search(&self, query: &str) -> SearchResult {
        search(
            &self.vocabulary,
            &|word| Ok(&self.postings[word]),
            self.products,
            &self.scratch,
            query,
        )
        .unwrap_or_default()
    }
}

/// Products matching `query` among `products`, best first: every word if any product has
/// them all, otherwise as many as possible (`partial`). `postings` gives a word's postings
/// or names the pieces holding them; every piece the query needs is named at once.
pub fn search<'a>(
    vocabulary: &Vocabulary,
    postings: &dyn Fn(usize) -> Lookup<&'a [Posting]>,
    products: usize,
    scratch: &Scratch,
    query: &str,
) -> Lookup<SearchResult> {
    let query_words = lexicon::without_fillers(words(query));
    if query_words.is_empty() {
        return Ok(SearchResult::default());
    }
    // Each query word's matches, then the words the lexicon gives for it, as the
    // vocabulary has them: a catalog whole and a pack widen alike.
    let widened: Vec<Vec<usize>> = query_words
        .iter()
        .map(|w| {
            let mut found: Vec<usize> = Vec::new();
            for index in lexicon::alternatives(w).filter_map(|a| vocabulary.exact(a)) {
                if !found.contains(&index) {
                    found.push(index);
                }
            }
            found
        })
        .collect();
    let matches: Vec<Vec<Match>> = query_words
        .iter()
        .zip(&widened)
        .enumerate()
        .map(|(at, (w, widened))| {
            let typed = vocabulary.matches(w, at + 1 == query_words.len());
            let given = widened
                .iter()
                .filter(|&&index| !typed.iter().any(|&(word, _)| word == index))
                .map(|&word| (word, LEXICON))
                .collect::<Vec<_>>();
            typed.into_iter().chain(given).collect()
        })
        .collect();
    let fitting: Vec<Vec<usize>> = match query_words.len() > 1 {
        true => query_words
            .iter()
            .zip(&widened)
            .map(|(w, widened)| {
                vocabulary
                    .fitting(w)
                    .chain(widened.iter().copied())
                    .collect()
            })
            .collect(),
        false => Vec::new(),
    };
    // Every list the query reads, fetched first: a missing piece is named before any work.
    let needed = matches
        .iter()
        .flatten()
        .map(|&(word, _)| word)
        .chain(fitting.iter().flatten().copied());
    let mut needed: Vec<usize> = needed.collect();
    needed.sort_unstable();
    needed.dedup();
    let mut awaited = Awaited::default();
    let found: Vec<Option<&'a [Posting]>> = needed
        .iter()
        .map(|&word| awaited.take(postings(word)))
        .collect();
    awaited.done()?;
    let lists = Lists {
        words: needed,
        lists: found.into_iter().map(Option::unwrap_or_default).collect(),
    };

    let mut buffers = scratch.0.lock().unwrap_or_else(|e| e.into_inner());
    let Buffers {
        scores,
        matched,
        best,
        names,
        touched,
        any,
        title_lengths,
        orderable,
    } = &mut *buffers;
    scores.resize(products, 0);
    matched.resize(products, 0);
    best.resize(products, 0);
    names.resize(products, 0);
    title_lengths.resize(products, 0);
    orderable.resize(products, false);
    for (word_matches, w) in matches.iter().zip(&query_words) {
        // The typed word itself, when the catalog has it: then only a product with it is
        // confirmed by the lexicon's names ("toor": "Toor Dal" before "Arhar Tur Dal").
        let typed = vocabulary.exact(w);
        for &(word, quality) in word_matches {
            let name = match quality >= LEXICON {
                true if Some(word) == typed => NAMED | TYPED,
                true => NAMED,
                false => 0,
            };
            for posting in lists.of(word) {
                let p = posting.product as usize;
                if p >= products {
                    continue;
                }
                let slot = &mut best[p];
                let value = quality * u32::from(posting.weight);
                if *slot == 0 {
                    touched.push(posting.product);
                }
                *slot = (*slot).max(value);
                let count = (names[p] & !TYPED) + (name & !TYPED);
                names[p] = count.min(NAMED * 2) | ((names[p] | name) & TYPED);
                title_lengths[p] = posting.title_length;
                orderable[p] = posting.orderable;
            }
        }
        for product in touched.drain(..) {
            let p = product as usize;
            if matched[p] == 0 {
                any.push(product);
            }
            let named = names[p] & !TYPED;
            let confirmed = named >= NAMED * 2 && (typed.is_none() || names[p] & TYPED != 0);
            scores[p] += best[p] + if confirmed { CONFIRMED } else { 0 };
            matched[p] += 1;
            best[p] = 0;
            names[p] = 0;
        }
    }
    let most = any.iter().map(|&p| matched[p as usize]).max().unwrap_or(0);
    // Hits with their title lengths: among equal scores the shorter (more specific) wins.
    let mut ranked: Vec<(Hit, u8)> = any
        .iter()
        .map(|&p| p as usize)
        .filter(|&p| matched[p] == most)
        .map(|p| {
            let hit = Hit {
                product: p,
                // Orderable products first among equals.
                score: scores[p] * 2 + u32::from(orderable[p]),
                orderable: orderable[p],
            };
            (hit, title_lengths[p])
        })
        .collect();
    for p in any.drain(..) {
        scores[p as usize] = 0;
        matched[p as usize] = 0;
    }
    drop(buffers);
    if most == 0 {
        return Ok(SearchResult::default());
    }
    // A total order (products are unique), so an unstable sort gives the one result: std's
    // stable sort would add its own code to every first download (about 480 bytes).
    let order = |(a, a_length): &(Hit, u8), (b, b_length): &(Hit, u8)| {
        b.score
            .cmp(&a.score)
            .then(a_length.cmp(b_length))
            .then(a.product.cmp(&b.product))
    };
    ranked.sort_unstable_by(order);
    if query_words.len() > 1 {
        let top = ranked.len().min(RERANK);
        let together = pairs_together(&ranked[..top], &fitting, &lists);
        for ((hit, _), pairs) in ranked[..top].iter_mut().zip(together) {
            hit.score += TOGETHER * pairs;
        }
        ranked[..top].sort_unstable_by(order);
    }
    let hits = ranked.into_iter().map(|(hit, _)| hit).collect();
    Ok(SearchResult {
        hits,
        partial: usize::from(most) < query_words.len(),
    })
}

/// A catalog word a query word matches: its index and the match quality.
type Match = (usize, u32);

/// Counting a query word's names a product has (`NAMED` each, up to two), and whether the
/// typed word is among them (`TYPED`).
const NAMED: u8 = 1;
const TYPED: u8 = 0x80;

/// The postings a search reads, by word.
struct Lists<'a> {
    /// Sorted.
    words: Vec<usize>,
    lists: Vec<&'a [Posting]>,
}

impl<'a> Lists<'a> {
    fn of(&self, word: usize) -> &'a [Posting] {
        self.words
            .binary_search(&word)
            .map_or(&[], |at| self.lists[at])
    }
}

/// For each of `hits`, how many neighbouring query words stand next to each other in its
/// title, as typed, as words they begin or as the lexicon gives them (`fitting` holds
/// each query word's).
fn pairs_together(hits: &[(Hit, u8)], fitting: &[Vec<usize>], lists: &Lists) -> Vec<u32> {
    // Per hit (sorted by product), per query word, the title positions where it stands.
    let mut products: Vec<usize> = hits.iter().map(|(hit, _)| hit.product).collect();
    products.sort_unstable();
    let mut masks = vec![vec![0u32; fitting.len()]; products.len()];
    for (at, words) in fitting.iter().enumerate() {
        for &word in words {
            for posting in lists.of(word) {
                if let Ok(hit) = products.binary_search(&(posting.product as usize)) {
                    masks[hit][at] |= posting.title_positions;
                }
            }
        }
    }
    hits.iter()
        .map(|(hit, _)| {
            let masks = products
                .binary_search(&hit.product)
                .map_or(&[][..], |at| &masks[at]);
            let pairs = masks.windows(2).filter(|m| m[0] & (m[1] >> 1) != 0);
            pairs.count() as u32
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::tests::{inr, places, sample};
    use crate::catalog::Catalog;

    fn titles(catalog: &Catalog, result: &SearchResult) -> Vec<String> {
        result
            .hits
            .iter()
            .map(|h| catalog.products[h.product].title.clone())
            .collect()
    }

    #[test]
    fn words_are_normalised_the_same_way_for_queries_and_titles() {
        assert_eq!(
            words("Aashirvaad Atta 5kg"),
            ["aashirvaad", "atta", "5", "kg"]
        );
        assert_eq!(words("Onions 500 GMS"), ["onion", "500", "g"]);
        assert_eq!(words("tomatoes, 1.5 Ltr."), ["tomato", "1.5", "l"]);
        assert_eq!(words("Crème brûlée"), ["creme", "brulee"]);
        assert_eq!(words("नमस्ते दाल"), ["नमस्ते", "दाल"]);
        assert_eq!(words("x2"), ["x", "2"]);
        assert_eq!(words("आलू २ किलो"), ["आलू", "2", "kg"]);
        assert_eq!(words("तेल १.५ लीटर"), ["तेल", "1.5", "l"]);
        assert_eq!(words("प्याज़"), words("प्याज"));
        assert_eq!(
            words("\u{95b}"),
            ["\u{91c}"],
            "a nukta letter written as one"
        );
    }

    #[test]
    fn spoken_names_widen_a_search_without_replacing_what_was_typed() {
        let catalog = feed();
        let index = SearchIndex::build(&catalog.products, &catalog.categories);
        let all = |q: &str| titles(&catalog, &index.search(q));
        assert_eq!(all("pyaz").first().map(String::as_str), Some("Onion 1 kg"));
        assert_eq!(all("प्याज").first().map(String::as_str), Some("Onion 1 kg"));
        assert_eq!(
            all("tamatar 500"),
            ["Tomato Hybrid 500 gm"],
            "a name and a typed word together"
        );
        assert_eq!(all("aata").len(), 3);
        assert_eq!(all("aata"), all("atta"));
        assert!(!index.search("aata maggi").hits.is_empty());
        assert!(index.search("aata maggi").partial);
        // "onion" is the catalog's word: it finds what it always did.
        assert_eq!(all("onion").len(), 2);
        assert_eq!(all("sarson ka tel"), all("sarson tel"));
    }

    #[test]
    fn a_typo_ranks_below_a_word_begun_and_short_words_stay_apart() {
        let catalog = feed();
        let index = SearchIndex::build(&catalog.products, &catalog.categories);
        let all = |q: &str| titles(&catalog, &index.search(q));
        // "pilsbury" misspells Pillsbury; nothing begins with it.
        assert_eq!(all("pilsbury"), ["Pillsbury Chakki Fresh Wheat Atta 5 kg"]);
        // "tomat" begins "tomato" (prefix) and misspells nothing else.
        assert_eq!(all("tomat"), ["Tomato Hybrid 500 gm"]);
        // "lays" would be one letter from "lay" or "days"; "onon" lacks a letter of
        // "onion" and keeps both ends, so it is a typo; "nion" changes the first letter.
        assert_eq!(all("onon").len(), 2);
        assert!(all("nion").is_empty());
    }

    #[test]
    fn edit_distance_is_bounded() {
        assert_eq!(distance_within("colgat", "colgate", 1), Some(1));
        assert_eq!(distance_within("magi", "maggi", 1), Some(1));
        assert_eq!(
            distance_within("mkail", "mkali", 1),
            Some(1),
            "a transposition is one edit"
        );
        assert_eq!(distance_within("milk", "silk", 1), Some(1));
        assert_eq!(distance_within("butter", "bitten", 1), None);
    }

    fn feed() -> Catalog {
        let feed = "id,title,brand,price,product_type\n\
            1,Aashirvaad Superior MP Wheat Atta 5 kg,Aashirvaad,273.00 INR,Grocery > Atta\n\
            2,Aashirvaad Superior MP Wheat Atta 10 kg,Aashirvaad,512.00 INR,Grocery > Atta\n\
            3,Pillsbury Chakki Fresh Wheat Atta 5 kg,Pillsbury,265.00 INR,Grocery > Atta\n\
            4,Colgate Dental Cream Strong Teeth Toothpaste 100 gm,Colgate,63.00 INR,Personal Care > Oral Care\n\
            5,Maggi 2-Minute Masala Noodles 70 gm,Maggi,14.00 INR,Packaged Food > Noodles\n\
            6,Onion 1 kg,,38.00 INR,Fruits & Vegetables > Vegetables\n\
            7,Lays American Cream & Onion Potato Chips 73 gm,Lays,30.00 INR,Packaged Food > Chips\n\
            8,Tomato Hybrid 500 gm,,22.00 INR,Fruits & Vegetables > Vegetables\n";
        Catalog::from_feed(feed.as_bytes(), inr()).unwrap().0
    }

    #[test]
    fn typos_plurals_and_prefixes_find_the_product() {
        let catalog = feed();
        let index = SearchIndex::build(&catalog.products, &catalog.categories);
        let first = |q: &str| titles(&catalog, &index.search(q)).into_iter().next();
        assert_eq!(
            first("colgat").as_deref(),
            Some("Colgate Dental Cream Strong Teeth Toothpaste 100 gm")
        );
        assert_eq!(
            first("magi").as_deref(),
            Some("Maggi 2-Minute Masala Noodles 70 gm")
        );
        assert_eq!(first("tomatos").as_deref(), Some("Tomato Hybrid 500 gm"));
        assert_eq!(first("TOMATOES").as_deref(), Some("Tomato Hybrid 500 gm"));
        assert_eq!(
            first("  Onions ").as_deref(),
            Some("Onion 1 kg"),
            "the shorter title wins"
        );
        assert_eq!(
            first("pills").as_deref(),
            Some("Pillsbury Chakki Fresh Wheat Atta 5 kg")
        );
    }

    #[test]
    fn categories_with_subcategories_offer_them() {
        use crate::chat::{respond, understand, Reply};
        let catalog = feed();
        let cart = crate::cart::Cart::default();
        let source = Some(&catalog as &dyn crate::source::CatalogSource);
        let say = |text: &str| respond(&understand(text, source), source, &cart).unwrap();
        assert_eq!(
            say("fruits & vegetables"),
            Reply::Products {
                heading: crate::chat::Heading::Category("Fruits & Vegetables".into()),
                products: places(&catalog, &["6", "8"]),
            },
            "a single subcategory is not worth a question"
        );
        assert_eq!(
            say("packaged food"),
            Reply::Subcategories {
                category: "packaged-food".into(),
                names: vec!["Noodles".into(), "Chips".into()],
            }
        );
        assert_eq!(
            say("chips"),
            Reply::Products {
                heading: crate::chat::Heading::Category("Packaged Food › Chips".into()),
                products: places(&catalog, &["7"]),
            }
        );
    }

    #[test]
    fn every_word_must_match_unless_none_does() {
        let catalog = feed();
        let index = SearchIndex::build(&catalog.products, &catalog.categories);
        let result = index.search("aashirvaad atta 10kg");
        assert!(!result.partial);
        assert_eq!(
            titles(&catalog, &result),
            ["Aashirvaad Superior MP Wheat Atta 10 kg"]
        );
        let result = index.search("atta saffron");
        assert!(result.partial, "no product has both");
        assert_eq!(result.hits.len(), 3);
        assert!(index.search("bicycle").hits.is_empty());
        assert!(index.search(" ,. ").hits.is_empty());
    }

    #[test]
    fn title_beats_brand_beats_category() {
        let catalog = sample();
        let index = SearchIndex::build(&catalog.products, &catalog.categories);
        let ids: Vec<&str> = index
            .search("amul")
            .hits
            .iter()
            .map(|h| catalog.products[h.product].id())
            .collect();
        assert_eq!(ids, ["butter-500", "ghee-1l"]);
        let staples = index.search("staples");
        assert_eq!(staples.hits.len(), 1, "category words find products too");
    }
}
