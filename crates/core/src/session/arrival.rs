//! The catalog as it arrives: whole, or piece by piece as answers need them, with what is
//! worth fetching ahead and what to say when a piece cannot be had.

use super::*;

impl Session {
    /// The catalog arrived: the saved cart is checked against it (the shopper hears what
    /// changed since the last visit), then what waited for it is answered.
    pub fn catalog_arrived(&mut self, source: Box<dyn CatalogSource + Send + Sync>) -> Vec<Effect> {
        let early = source.early_pieces();
        let waiting = self.catalog.arrived(source);
        self.fetch_missing(Missing::Pieces(early), Urgency::Ahead);
        self.prefetch_first_category();
        self.recheck_cart();
        self.ask_again(waiting);
        self.settle()
    }

    /// From a catalog in pieces, fetches ahead the first screen of the first category: the
    /// likely first tap on "Browse".
    fn prefetch_first_category(&mut self) {
        let first_screen = self
            .source()
            .filter(|source| source.arrives_in_pieces())
            .and_then(|source| {
                let category = source.categories().ok()?.first()?;
                let mut places = source.products_in(&category.id, None).ok()?;
                places.truncate(SCREEN);
                Some(places)
            });
        if let Some(places) = first_screen {
            self.prefetch(places);
        }
    }

    /// Fetches what showing the products at `places` needs, and again as pieces arrive
    /// (a page table names the page to fetch next), with no one waiting to be answered.
    fn prefetch(&mut self, places: Vec<ProductIndex>) {
        if let Some(missing) = self.missing_for(&places) {
            self.wait_for(missing, Waiter::Prefetch(places));
        }
    }

    /// What showing the products at `places` still needs.
    fn missing_for(&self, places: &[ProductIndex]) -> Option<Missing> {
        self.source()
            .and_then(|source| products_at(source, places.iter().copied()).err())
    }

    /// Checks the saved cart against the catalog, telling the shopper what changed; waits
    /// for the pieces that hold its items.
    fn recheck_cart(&mut self) {
        let Some(source) = self.catalog.source() else {
            return;
        };
        match self.cart.reconcile(source, self.config.max_quantity) {
            Ok((cart, changes)) => {
                self.cart = cart;
                if !changes.is_empty() {
                    self.conversation.notice(Notice::CartChanged(changes));
                }
            }
            Err(missing) => self.wait_for(missing, Waiter::Recheck),
        }
    }

    /// Keeps `waiter` until what is missing arrives, fetching the missing pieces together:
    /// for someone waiting to be answered even pieces that failed before.
    pub(super) fn wait_for(&mut self, missing: Missing, waiter: Waiter) {
        let urgency = waiter.urgency();
        self.catalog.wait(&missing, waiter);
        self.fetch_missing(missing, urgency);
    }

    pub(super) fn fetch_missing(&mut self, missing: Missing, urgency: Urgency) {
        if let Missing::Pieces(pieces) = missing {
            for piece in pieces {
                if self.catalog.request(&piece, urgency) {
                    self.effects.push(Effect::FetchPiece(piece));
                }
            }
        }
    }

    fn ask_again(&mut self, waiting: Vec<Waiter>) {
        for waiter in waiting {
            match waiter {
                Waiter::Answer(intent) => self.answer(intent),
                Waiter::Change(action) => self.change_cart(action),
                Waiter::Detail(product_id) => self.detail(product_id),
                Waiter::Recheck => self.recheck_cart(),
                Waiter::Prefetch(places) => self.prefetch(places),
            }
        }
    }

    pub fn catalog_failed(&mut self, failure: CatalogFailure) -> Vec<Effect> {
        self.catalog.failed();
        self.conversation.push(Content::CatalogFailed(failure));
        self.settle()
    }

    /// `received` bytes of the catalog have downloaded, of `total` when the server said
    /// how many (the shell tells this a few times a second at most).
    pub fn catalog_progress(&mut self, received: u64, total: Option<u64>) -> Vec<Effect> {
        self.catalog.progressed(Progress::new(received, total));
        self.settle()
    }

    /// Fetches the catalog (again, after a failure).
    pub fn load_catalog(&mut self) -> Vec<Effect> {
        self.fetch_catalog();
        self.settle()
    }

    pub(super) fn fetch_catalog(&mut self) {
        self.catalog.retry();
        self.effects
            .push(Effect::FetchCatalog(self.config.catalog_url.clone()));
    }

    /// A piece of the catalog arrived (or could not be had): what waited for it is asked
    /// again, or the shopper hears why it can't be answered.
    pub fn piece_arrived(
        &mut self,
        piece: Piece,
        fetched: Result<Vec<u8>, CatalogFailure>,
    ) -> Vec<Effect> {
        let failure = match fetched {
            Err(failure) => Some(failure),
            Ok(bytes) => match self.catalog.piece_arrived(&piece, &bytes) {
                Ok(waiting) => {
                    self.ask_again(waiting);
                    None
                }
                Err(error) => Some(CatalogFailure::Unusable {
                    url: piece.0.clone(),
                    error,
                }),
            },
        };
        // Said when someone's question or cart change is given up, and otherwise once for
        // pieces failing together (a host that is down fails them all).
        if let Some(failure) = failure {
            let (first, given_up) = self.catalog.piece_failed(&piece);
            let someone_waited = given_up
                .iter()
                .any(|w| !matches!(w, Waiter::Prefetch(_) | Waiter::Recheck));
            if first || someone_waited {
                self.conversation.push(Content::PieceFailed(failure));
            }
        }
        self.settle()
    }

    /// Fetches again what showing the products at `places` needs, as the shopper asked
    /// after a piece could not be had.
    pub fn retry_products(&mut self, places: &[ProductIndex]) -> Vec<Effect> {
        self.catalog.forgive();
        self.show_products(places)
    }

    /// Fetches what showing the products at `places` needs (a screen of a list).
    pub fn show_products(&mut self, places: &[ProductIndex]) -> Vec<Effect> {
        if let Some(missing) = self.missing_for(places) {
            self.fetch_missing(missing, Urgency::Ahead);
        }
        self.settle()
    }

    /// Whether showing the products at `places` waits for a piece that could not be had
    /// (the list then offers to try again).
    pub fn could_not_fetch(&self, places: &[ProductIndex]) -> bool {
        match self.missing_for(places) {
            Some(Missing::Pieces(pieces)) => pieces.iter().any(|p| self.catalog.was_refused(p)),
            _ => false,
        }
    }

    /// Fetches ahead the search index that answering `draft`, the message being typed,
    /// will read, from a catalog that arrives in pieces (not the products: a draft
    /// changes with every key).
    pub fn typing(&mut self, draft: &str) -> Vec<Effect> {
        let missing = self
            .source()
            .filter(|source| source.arrives_in_pieces())
            .and_then(|source| {
                let query = match understand(draft, Some(source)) {
                    Intent::Search(query) => query,
                    Intent::Order(request) => request.query,
                    _ => return None,
                };
                source.search(&query).err()
            });
        if let Some(missing) = missing {
            self.fetch_missing(missing, Urgency::Ahead);
        }
        self.settle()
    }
}
