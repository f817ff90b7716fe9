use std::any::Any;
use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use chatcart_core::cart::CartAction;
use chatcart_core::catalog::{Product, Variant};
use chatcart_core::money::Money;
use chatcart_core::pack_size::unit_price;
use chatcart_core::source::ProductIndex;
use chatcart_core::text::whole_number;
use chatcart_core::words::Label;
use leptos::prelude::*;
use leptos::reactive::effect::RenderEffect;
use wasm_bindgen::JsCast;
use web_sys::{Element, Node};

use crate::dom;
use crate::shop::{Mirror, Shop};

/// Cards on one page of a list: a long list is paged, never grown, so the page's size
/// stays bounded however large the catalog.
const PAGE: usize = chatcart_core::session::SCREEN;

/// Products of one reply, a page at a time: the nodes (the second of which changes), and
/// what keeps them up to date.
pub fn product_list(shop: Shop, places: Vec<ProductIndex>) -> (dom::Nodes, Box<dyn Any>) {
    let page = Mirror::new(0);
    let total = places.len();
    let places: Rc<[ProductIndex]> = places.into();
    let on_page = {
        let places = places.clone();
        move || shown(&places, page.get())
    };
    // A catalog in pieces fetches what the page shows, again as pieces arrive (a page
    // table names the file holding the products).
    let fetch = dom::live(Box::new({
        let on_page = on_page.clone();
        move || {
            shop.catalog_arrivals.track();
            let on_page = on_page();
            dom::when_drawn(Box::new(move || shop.show_products(&on_page)));
        }
    }));
    // The products here so far, and whether some are still on their way: read anew by the
    // cards and the status line as pieces arrive (a page's worth; no memo of their type to
    // compile, issue 13).
    let products: Products = Rc::new(move || {
        shop.catalog_arrivals.track();
        let on_page = on_page();
        shop.peek(|s| {
            let Some(source) = s.source() else {
                return (Vec::new(), true);
            };
            let looked: Vec<_> = on_page.iter().map(|&at| source.product_at(at)).collect();
            let waiting = looked.iter().any(Result::is_err);
            // In order, up to the first still on its way: cards never jump about.
            let here: Vec<Product> = looked
                .into_iter()
                .map_while(Result::ok)
                .flatten()
                .cloned()
                .collect();
            (here, waiting)
        })
    });
    let (cards, drawn, draw_cards) = cards(shop, products.clone());
    let status = dom::marker();
    let nodes = Rc::new(RefCell::new(vec![cards.into(), status]));
    let draw_status = waiting_status(shop, products, places, page, Rc::downgrade(&nodes));
    let mut draw_pager = None;
    if total > PAGE {
        let (pager, draw) = pager(shop, page, total);
        nodes.borrow_mut().push(pager.into());
        draw_pager = Some(draw);
    }
    let kept = (fetch, draw_cards, drawn, draw_status, draw_pager);
    (nodes, Box::new(kept))
}

/// The products at `places` that `page` shows.
fn shown(places: &[ProductIndex], page: usize) -> Vec<ProductIndex> {
    places
        .iter()
        .skip(page * PAGE)
        .take(PAGE)
        .copied()
        .collect()
}

/// A page's products here so far, and whether some are still on their way.
type Products = Rc<dyn Fn() -> (Vec<Product>, bool)>;

/// Cards drawn, each with its product's id.
type Drawn = Rc<RefCell<Vec<(Element, Rc<Chosen>)>>>;

/// The cards of `products`, keyed by product: a card that stays keeps its node, its place
/// and its chosen variant. The cards go with the returned `Drawn`, the moment the list does.
fn cards(shop: Shop, products: Products) -> (Element, Drawn, RenderEffect<()>) {
    let cards = dom::element("div", "cc-products").done();
    let owner = dom::current_owner();
    let drawn: Drawn = Rc::default();
    let draw = RenderEffect::new({
        let (cards, drawn) = (cards.clone(), Rc::downgrade(&drawn));
        move |_| {
            let Some(drawn) = drawn.upgrade() else {
                return;
            };
            let mut drawn = drawn.borrow_mut();
            let (products, _) = products();
            let mut kept = Vec::with_capacity(products.len());
            for product in products {
                let at = drawn
                    .iter()
                    .position(|(_, c)| c.product.id() == product.id());
                kept.push(match at {
                    Some(at) => drawn.swap_remove(at),
                    None => owner.with(|| untrack(|| product_card(shop, product))),
                });
            }
            for (gone, _) in drawn.drain(..) {
                gone.remove();
            }
            let in_order: Vec<Node> = kept.iter().map(|(card, _)| card.clone().into()).collect();
            dom::arrange(&cards, &in_order);
            *drawn = kept;
        }
    });
    (cards, drawn, draw)
}

/// Whether a list's products are all here.
#[derive(Clone, Copy, PartialEq)]
enum Waiting {
    No,
    OnTheirWay,
    /// They could not be had (the conversation says why).
    CouldNotFetch,
}

/// While some of the page's products are still on their way, a line saying so, or a button
/// that fetches them again when they could not be had; else an empty comment. Drawn as the
/// second of the list's `nodes`.
fn waiting_status(
    shop: Shop,
    products: Products,
    places: Rc<[ProductIndex]>,
    page: Mirror,
    nodes: Weak<RefCell<Vec<Node>>>,
) -> RenderEffect<()> {
    let words = shop.words;
    let was = Cell::new(None);
    RenderEffect::new(move |_| {
        let waiting = match products().1 {
            false => Waiting::No,
            true if shop.watch(|s| s.could_not_fetch(&shown(&places, page.get()))) => {
                Waiting::CouldNotFetch
            }
            true => Waiting::OnTheirWay,
        };
        // Drawn again only when it changed: the button keeps the focus.
        if was.replace(Some(waiting)) == Some(waiting) {
            return;
        }
        let Some(nodes) = nodes.upgrade() else {
            return;
        };
        let status: Node = match waiting {
            Waiting::No => dom::marker(),
            Waiting::OnTheirWay => dom::element("p", "cc-message__muted")
                .attr("role", "status")
                .text(words.label(Label::ProductsOnTheirWay))
                .done()
                .into(),
            Waiting::CouldNotFetch => {
                let places = places.clone();
                let retry = move |_| shop.retry_products(&shown(&places, page.get_untracked()));
                dom::button("cc-more")
                    .text(words.label(Label::TryAgain))
                    .on("click", Box::new(retry))
                    .done()
                    .into()
            }
        };
        let mut nodes = nodes.borrow_mut();
        dom::replace(&nodes[1..2], std::slice::from_ref(&status));
        nodes[1] = status;
    })
}

/// Previous and Next through `total` products, and where the page is.
fn pager(shop: Shop, page: Mirror, total: usize) -> (Element, RenderEffect<()>) {
    let words = shop.words;
    let pages = total.div_ceil(PAGE);
    let button = |aria_name: Label, text: Label, to: fn(usize, usize) -> usize| {
        dom::button("cc-pager__button")
            .attr("aria-label", words.label(aria_name))
            .text(words.label(text))
            .on(
                "click",
                Box::new(move |_| page.set(to(page.get_untracked(), pages))),
            )
            .done()
    };
    let previous = button(Label::PreviousProducts, Label::Previous, |p, _| {
        p.saturating_sub(1)
    });
    let next = button(Label::NextProducts, Label::Next, |p, pages| {
        (p + 1).min(pages - 1)
    });
    let place = dom::element("span", "cc-pager__where")
        .attr("aria-live", "polite")
        .done();
    let draw = RenderEffect::new({
        let (previous, next, place) = (previous.clone(), next.clone(), place.clone());
        move |_| {
            let at = page.get();
            let _ = previous.toggle_attribute_with_force("disabled", at == 0);
            let _ = next.toggle_attribute_with_force("disabled", at + 1 >= pages);
            let last = ((at + 1) * PAGE).min(total);
            dom::set_text(&place, &words.page_position(at * PAGE + 1, last, total));
        }
    });
    let pager = dom::element("div", "cc-pager")
        .child(&previous)
        .child(&place)
        .child(&next);
    (pager.done(), draw)
}

/// A product on a card or in its details, the variant the shopper is looking at, and the
/// parts of the view that follow that variant.
struct Chosen {
    shop: Shop,
    /// The list's or the message's: a variant's "in cart" line is made under it.
    owner: Owner,
    product: Product,
    /// Every picture of the variant (details), or its first (a card).
    every_picture: bool,
    live: RefCell<Live>,
}

/// What a variant's choice redraws.
#[derive(Default)]
struct Live {
    selected: usize,
    pictures: Vec<Node>,
    buy: Vec<Node>,
    /// Keeps the "2 in cart" line up to date while its variant is shown.
    in_cart: Option<Box<dyn Any>>,
}

impl Chosen {
    /// Starts on the variant shown first (the first that can be ordered), drawn.
    fn new(shop: Shop, product: Product, every_picture: bool) -> Rc<Self> {
        let first = product
            .variants
            .iter()
            .position(|v| v.retailer_id == product.default_variant().retailer_id)
            .unwrap_or(0);
        let chosen = Rc::new(Chosen {
            shop,
            owner: dom::current_owner(),
            product,
            every_picture,
            live: RefCell::new(Live {
                selected: first,
                ..Live::default()
            }),
        });
        chosen.draw_variant();
        chosen
    }

    fn variant(&self) -> &Variant {
        &self.product.variants[self.live.borrow().selected]
    }

    /// Draws the chosen variant's pictures and price in place of the last one's (the first
    /// time, for the caller to place).
    fn draw_variant(self: &Rc<Self>) {
        let pictures = self.pictures();
        let (buy, in_cart) = self.owner.with(|| self.buy());
        let mut live = self.live.borrow_mut();
        dom::replace(&live.pictures, &pictures);
        dom::replace(&live.buy, &buy);
        live.pictures = pictures;
        live.buy = buy;
        live.in_cart = in_cart;
    }

    fn choose(self: &Rc<Self>, index: usize) {
        if index < self.product.variants.len() {
            self.live.borrow_mut().selected = index;
            self.draw_variant();
        }
    }

    fn pictures(self: &Rc<Self>) -> Vec<Node> {
        let images = &self.variant().images;
        if self.every_picture && !images.is_empty() {
            images.iter().map(|src| self.picture(Some(src))).collect()
        } else {
            vec![self.picture(images.first())]
        }
    }

    /// The product photo, or the title's initial on a tinted tile when there is none or it
    /// fails (the tile then takes its place among the pictures a variant's choice redraws).
    fn picture(self: &Rc<Self>, src: Option<&String>) -> Node {
        let Some(src) = src else {
            return self.placeholder();
        };
        let chosen = Rc::downgrade(self);
        dom::element("img", "cc-card__image")
            .attr("src", src)
            .attr("alt", "")
            .attr("loading", "lazy")
            .on(
                "error",
                Box::new(move |ev| {
                    let image = ev.target().and_then(|t| t.dyn_into::<Node>().ok());
                    if let (Some(chosen), Some(image)) = (chosen.upgrade(), image) {
                        let placeholder = chosen.placeholder();
                        dom::replace(
                            std::slice::from_ref(&image),
                            std::slice::from_ref(&placeholder),
                        );
                        for picture in chosen.live.borrow_mut().pictures.iter_mut() {
                            if *picture == image {
                                *picture = placeholder.clone();
                            }
                        }
                    }
                }),
            )
            .done()
            .into()
    }

    fn placeholder(&self) -> Node {
        // Capitalised by the stylesheet: Rust's Unicode case tables would cost 5 KB of download.
        let initial = self.product.title.chars().next().unwrap_or('?');
        dom::element("div", "cc-card__image cc-card__image--placeholder")
            .attr("aria-hidden", "true")
            .text(initial.encode_utf8(&mut [0; 4]))
            .done()
            .into()
    }

    /// Price (with the old one struck through on sale), availability, and Add.
    fn buy(&self) -> (Vec<Node>, Option<Box<dyn Any>>) {
        let shop = self.shop;
        let words = shop.words;
        let variant = self.variant();
        let money = |m: &Money| shop.format(m);
        let mut price = dom::element("p", "cc-price").child(
            &dom::element("span", "cc-price__now")
                .text(&money(&variant.unit_price()))
                .done(),
        );
        if variant.sale_price.is_some() {
            let was = dom::element("s", "cc-price__was")
                .child(
                    &dom::element("span", "cc-visually-hidden")
                        .text(words.label(Label::Was))
                        .done(),
                )
                .text(&money(&variant.price));
            price = price.text(" ").child(&was.done());
        }
        if let Some(unit) = unit_price(variant, shop.config(|c| c.rounding)) {
            let unit = words.unit_price(&money(&unit.price), unit.per);
            price = price.child(&dom::element("span", "cc-price__unit").text(&unit).done());
        }
        let mut nodes: Vec<Node> = vec![price.done().into()];
        if let Some(note) = words.availability_note(variant.availability) {
            nodes.push(dom::element("p", "cc-card__note").text(note).done().into());
        }
        if !variant.can_order() {
            let label = words.unavailable_label(variant.availability);
            let unavailable = dom::element("p", "cc-card__unavailable").text(label);
            nodes.push(unavailable.done().into());
            return (nodes, None);
        }
        let in_cart = dom::element("p", "cc-card__in-cart").done();
        let id = variant.retailer_id.clone();
        let in_cart_text = {
            let id = id.clone();
            move || match shop.cart(|c| c.quantity_of(&id)) {
                0 => String::new(),
                n => words.in_cart(n),
            }
        };
        let in_cart_effect = dom::live_text(&in_cart, Box::new(in_cart_text));
        let add = dom::button("cc-card__add")
            .attr("aria-label", &words.add_to_cart(&self.product.title))
            .text(words.label(Label::Add))
            .on(
                "click",
                Box::new(move |_| {
                    shop.change_cart(CartAction::Add {
                        retailer_id: id.clone(),
                        quantity: 1,
                    })
                }),
            );
        nodes.push(in_cart.into());
        nodes.push(add.done().into());
        (nodes, Some(in_cart_effect))
    }

    /// The variant picker when there is a choice, else the only variant's size.
    fn options(self: &Rc<Self>) -> Element {
        let words = self.shop.words;
        let product = &self.product;
        if product.variants.len() < 2 {
            let pack = dom::element("p", "cc-card__pack");
            return match self.variant().label() {
                Some(label) => pack.text(&label),
                None => pack,
            }
            .done();
        }
        let kind = words.option_kind(
            product.variants.iter().any(|v| v.size.is_some()),
            product.variants.iter().any(|v| v.color.is_some()),
        );
        let chosen = Rc::downgrade(self);
        let mut select = dom::element("select", "")
            .attr("aria-label", &words.option_of(kind, &product.title))
            .on(
                "change",
                Box::new(move |ev| {
                    let Some(select) = ev.target().and_then(|t| t.dyn_into::<Element>().ok())
                    else {
                        return;
                    };
                    let Some(index) =
                        whole_number(&dom::value_of(&ev)).and_then(|n| usize::try_from(n).ok())
                    else {
                        return;
                    };
                    let options = select.children();
                    for at in 0..options.length() {
                        if let Some(option) = options.item(at) {
                            let _ = option
                                .toggle_attribute_with_force("selected", at as usize == index);
                        }
                    }
                    if let Some(chosen) = chosen.upgrade() {
                        chosen.choose(index);
                    }
                }),
            );
        let selected = self.live.borrow().selected;
        for (index, variant) in product.variants.iter().enumerate() {
            let mut option = dom::element("option", "").attr("value", &index.to_string());
            if index == selected {
                option = option.attr("selected", "");
            }
            select = select.child(&option.text(&words.variant_option(variant)).done());
        }
        let kind = dom::element("span", "")
            .attr("aria-hidden", "true")
            .text(kind);
        dom::element("label", "cc-card__option")
            .child(&kind.done())
            .child(&select.done())
            .done()
    }

    /// The chosen variant's pictures, as drawn.
    fn pictures_drawn(&self) -> Vec<Node> {
        self.live.borrow().pictures.clone()
    }

    /// The chosen variant's price and Add, as drawn.
    fn buy_drawn(&self) -> Vec<Node> {
        self.live.borrow().buy.clone()
    }
}

/// A product as a chat message card: picture, title, options, price, and Add. The title
/// opens the product's details.
fn product_card(shop: Shop, product: Product) -> (Element, Rc<Chosen>) {
    let id = product.id().to_owned();
    let chosen = Chosen::new(shop, product, false);
    let title = &chosen.product.title;
    let details = dom::button("cc-card__details")
        .attr("aria-label", &shop.words.details_of(title))
        .text(title)
        .on("click", Box::new(move |_| shop.show_details(id.clone())));
    let body = dom::element("div", "cc-card__body")
        .child(
            &dom::element("h3", "cc-card__title")
                .child(&details.done())
                .done(),
        )
        .child(&chosen.options());
    let card = dom::element("article", "cc-card").attr("aria-label", title);
    let body = body.children(&chosen.buy_drawn());
    let card = card
        .children(&chosen.pictures_drawn())
        .child(&body.done())
        .done();
    (card, chosen)
}

/// A product's details, drawn for `shop`: in the main module, as a shopper browsing opens
/// them at once (a chunk of their own saved 244 bytes of the first download and cost 443 of
/// all features, and a round trip on first opening).
pub fn product_detail_view(shop: Shop, product: Product) -> dom::Built {
    let (detail, chosen) = product_detail(shop, product);
    dom::Built::element(detail, Box::new(chosen))
}

/// A product's details as a chat message: every picture, brand, options, price, Add and
/// the description.
fn product_detail(shop: Shop, product: Product) -> (Element, Rc<Chosen>) {
    let (brand, description, link) = (
        product.brand.clone(),
        product.description.clone(),
        product.link.clone(),
    );
    let chosen = Chosen::new(shop, product, true);
    let title = &chosen.product.title;
    let mut body = dom::element("div", "cc-card__body")
        .child(&dom::element("h3", "cc-card__title").text(title).done());
    if let Some(brand) = brand {
        body = body.child(&dom::element("p", "cc-card__pack").text(&brand).done());
    }
    body = body.child(&chosen.options()).children(&chosen.buy_drawn());
    if let Some(text) = description {
        body = body.child(
            &dom::element("p", "cc-detail__description")
                .text(&text)
                .done(),
        );
    }
    if let Some(href) = link {
        let link = dom::element("a", "cc-detail__link")
            .attr("href", &href)
            .attr("target", "_blank")
            .attr("rel", "noopener noreferrer")
            .text(shop.words.label(Label::MoreOnShopSite));
        body = body.child(&link.done());
    }
    let images = dom::element("div", "cc-detail__images").children(&chosen.pictures_drawn());
    let detail = dom::element("article", "cc-card cc-detail")
        .attr("aria-label", title)
        .child(&images.done())
        .child(&body.done());
    (detail.done(), chosen)
}
