//! Elements built by hand, for every view of the widget. Leptos's typed views compile their
//! building, updating and removal again for every shape of view; these few calls are
//! compiled once (issue 13: the product list alone was 6.2 KB of brotli less in the first
//! download, the chunks' views 44.7 KB less in all). Leptos still runs the shop: its
//! signals, effects and owners keep the built nodes up to date. A [`Built`] is nodes with
//! what keeps them up to date, for as long as they are shown; it is Leptos's view only where
//! the shop is mounted.

use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::{document, untrack, Owner};
use leptos::reactive::effect::RenderEffect;
use leptos::tachys::html::attribute::any_attribute::AnyAttribute;
use leptos::tachys::html::attribute::Attribute;
use leptos::tachys::hydration::Cursor;
use leptos::tachys::view::add_attr::AddAnyAttr;
use leptos::tachys::view::{Mountable, Position, PositionState, Render, RenderHtml};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, HtmlElement, HtmlInputElement, Node};

use crate::one_thread::OneThread;

/// An element being built.
pub struct El(Element);

/// A new `<tag class="class">` (no class when it is empty).
pub fn element(tag: &str, class: &str) -> El {
    let element = El(document()
        .create_element(tag)
        .expect("the widget names only valid elements"));
    if class.is_empty() {
        element
    } else {
        element.attr("class", class)
    }
}

impl El {
    pub fn attr(self, name: &str, value: &str) -> Self {
        let _ = self.0.set_attribute(name, value);
        self
    }

    pub fn text(self, text: &str) -> Self {
        let _ = self.0.append_with_str_1(text);
        self
    }

    /// Appends `markup`, the widget's own and never the shop's or the shopper's (an icon).
    pub fn html(self, markup: &'static str) -> Self {
        let _ = self.0.insert_adjacent_html("beforeend", markup);
        self
    }

    pub fn child(self, child: &Node) -> Self {
        let _ = self.0.append_child(child);
        self
    }

    pub fn children(self, children: &[Node]) -> Self {
        children
            .iter()
            .fold(self, |element, child| element.child(child))
    }

    /// Calls `handler` on each `event`. Boxed, so that this is compiled once rather than once
    /// per handler. The listener lives as long as the element, freed with it by the browser's
    /// garbage collector; a handler that needs the view's state holds it weakly.
    pub fn on(self, event: &str, handler: Box<dyn FnMut(Event)>) -> Self {
        let listener = Closure::wrap(handler).into_js_value();
        let _ = self
            .0
            .add_event_listener_with_callback(event, listener.unchecked_ref());
        self
    }

    pub fn done(self) -> Element {
        self.0
    }
}

/// A new `<button type="button" class="class">`, a button that submits no form.
pub fn button(class: &str) -> El {
    element("button", class).attr("type", "button")
}

/// A new `<p class="class">` saying `text`.
pub fn paragraph(class: &str, text: &str) -> Node {
    element("p", class).text(text).done().into()
}

/// A new SVG `<tag>`.
pub fn svg(tag: &str) -> El {
    El(document()
        .create_element_ns(Some("http://www.w3.org/2000/svg"), tag)
        .expect("the widget names only valid elements"))
}

/// What keeps a built view's live parts up to date; dropped with the view.
pub type Kept = Vec<Box<dyn Any>>;

/// Runs `update` now, and again whenever a signal it read changes. One effect for every
/// live part, so that it is compiled once.
#[must_use = "a live part stops following its value once dropped: keep it with the view"]
pub fn live(mut update: Box<dyn FnMut()>) -> Box<dyn Any> {
    Box::new(RenderEffect::new(move |_| update()))
}

/// `node`'s text follows `text`.
#[must_use = "a live part stops following its value once dropped: keep it with the view"]
pub fn live_text(node: &Node, text: Box<dyn Fn() -> String>) -> Box<dyn Any> {
    let node = node.clone();
    live(Box::new(move || set_text(&node, &text())))
}

/// `element`'s attribute `name` follows `value`, absent while it is None.
#[must_use = "a live part stops following its value once dropped: keep it with the view"]
pub fn live_attr(
    element: &Element,
    name: &'static str,
    value: Box<dyn Fn() -> Option<String>>,
) -> Box<dyn Any> {
    let element = element.clone();
    live(Box::new(move || match value() {
        Some(value) if element.get_attribute(name).as_deref() != Some(&value) => {
            let _ = element.set_attribute(name, &value);
        }
        Some(_) => {}
        None => {
            let _ = element.remove_attribute(name);
        }
    }))
}

/// A boolean attribute (`disabled`, an option's `selected`) of `element` there while `on`
/// holds. An option's attribute chooses it only until the shopper chooses one, as with
/// Leptos before.
#[must_use = "a live part stops following its value once dropped: keep it with the view"]
pub fn live_flag(element: &Element, name: &'static str, on: Box<dyn Fn() -> bool>) -> Box<dyn Any> {
    live_attr(element, name, Box::new(move || on().then(String::new)))
}

/// An ARIA state of `element` (`aria-expanded`, `aria-invalid`) follows `on`: "true" or
/// "false".
#[must_use = "a live part stops following its value once dropped: keep it with the view"]
pub fn live_state(
    element: &Element,
    name: &'static str,
    on: Box<dyn Fn() -> bool>,
) -> Box<dyn Any> {
    let said = move || Some(String::from(if on() { "true" } else { "false" }));
    live_attr(element, name, Box::new(said))
}

/// A text field's value (an input's or a textarea's, each read and written as a property)
/// follows `value`. It is written only when it differs, so the caret stays where the
/// shopper types.
#[must_use = "a live part stops following its value once dropped: keep it with the view"]
pub fn live_value(field: &Element, value: Box<dyn Fn() -> String>) -> Box<dyn Any> {
    let field: HtmlInputElement = field.clone().unchecked_into();
    live(Box::new(move || {
        let value = value();
        if field.value() != value {
            field.set_value(&value);
        }
    }))
}

/// A checkbox's or radio button's checked state follows `checked`.
#[must_use = "a live part stops following its value once dropped: keep it with the view"]
pub fn live_checked(input: &Element, checked: Box<dyn Fn() -> bool>) -> Box<dyn Any> {
    let input: HtmlInputElement = input.clone().unchecked_into();
    live(Box::new(move || input.set_checked(checked())))
}

/// `nodes` put before `marker` while `shown` holds, and taken out while it does not.
/// `marker` must be in its parent already.
#[must_use = "a live part stops following its value once dropped: keep it with the view"]
pub fn live_shown(marker: &Node, nodes: Vec<Node>, shown: Box<dyn Fn() -> bool>) -> Box<dyn Any> {
    debug_assert!(marker.parent_node().is_some(), "a marker in its parent");
    let marker = marker.clone();
    live(Box::new(move || {
        let shown = shown();
        for node in &nodes {
            match (shown, marker.parent_node()) {
                (true, Some(parent)) if node.parent_node().is_none() => {
                    let _ = parent.insert_before(node, Some(&marker));
                }
                (false, _) => remove(node),
                _ => {}
            }
        }
    }))
}

/// A part of a view that follows `value`: `draw(value)`, drawn at the end of `parent` (where
/// a marker keeps its place) under a scope of its own, and drawn again each time `value`
/// changes, what was drawn before taken out first with its scope.
#[must_use = "a live part stops following its value once dropped: keep it with the view"]
pub fn live_part<T: PartialEq + 'static>(
    parent: &Element,
    value: Box<dyn Fn() -> T>,
    draw: Box<dyn Fn(&T) -> Built>,
) -> Box<dyn Any> {
    let owner = current_owner();
    let place = marker();
    let _ = parent.append_child(&place);
    let mut drawn: Option<(T, BuiltState, Scope)> = None;
    live(Box::new(move || {
        let now = value();
        if drawn.as_ref().is_some_and(|(was, ..)| *was == now) {
            return;
        }
        if let Some((_, old, scope)) = drawn.take() {
            old.take_out();
            drop(scope);
        }
        let scope = Scope::under(&owner);
        let part = scope.with(|| draw(&now)).build();
        if let Some(parent) = place.parent_node() {
            for node in part.nodes.borrow().iter() {
                let _ = parent.insert_before(node, Some(&place));
            }
        }
        drawn = Some((now, part, scope));
    }))
}

/// The owner a view is being drawn under, taken outside any effect for the parts it draws
/// later: see [`Scope::under`].
pub fn current_owner() -> Owner {
    Owner::current().expect("a view is drawn under an owner")
}

/// The value of the form field an event came from (an input, a textarea, a select: each
/// has a `value`, read as a property of whichever it is).
pub fn value_of(event: &Event) -> String {
    event
        .target()
        .map(|target| target.unchecked_into::<HtmlInputElement>().value())
        .unwrap_or_default()
}

/// Whether the checkbox or radio button an event came from is checked.
pub fn checked_of(event: &Event) -> bool {
    event
        .target()
        .is_some_and(|target| target.unchecked_into::<HtmlInputElement>().checked())
}

/// Does `work` once the task running now is done: once the view being built is drawn into
/// the page (focus needs it there), and outside the live part that asked for it, whose
/// signals it may set. One kind of task for all such work, and no second kind of effect
/// (issue 13).
pub fn when_drawn(work: Box<dyn FnOnce()>) {
    wasm_bindgen_futures::spawn_local(async move { work() });
}

/// Focuses `element` once it is in the page: after the view it is part of is drawn.
pub fn focus_when_drawn(element: &Element) {
    let element: HtmlElement = element.clone().unchecked_into();
    when_drawn(Box::new(move || {
        let _ = element.focus();
    }));
}

/// A comment node: an empty place that parts can be put before.
pub fn marker() -> Node {
    document().create_comment("").into()
}

/// Sets `node`'s text to `text` unless it is that already: an unchanged text is not
/// written again, which a live region would announce again.
pub fn set_text(node: &Node, text: &str) {
    if node.text_content().as_deref() != Some(text) {
        node.set_text_content(Some(text));
    }
}

/// Puts `nodes` where `old` are, before the first of them, and takes `old` out. Nothing is
/// put anywhere when `old` is empty or out of the page.
pub fn replace(old: &[Node], nodes: &[Node]) {
    let Some((first, _)) = old.split_first() else {
        return;
    };
    if let Some(parent) = first.parent_node() {
        for node in nodes {
            let _ = parent.insert_before(node, Some(first));
        }
    }
    for node in old {
        remove(node);
    }
}

/// Puts `children` first in `parent`, in this order. Only what is out of place moves: a
/// moved node loses the focus.
pub fn arrange(parent: &Element, children: &[Node]) {
    let mut next = parent.first_child();
    for child in children {
        if next.as_ref() == Some(child) {
            next = child.next_sibling();
        } else {
            let _ = parent.insert_before(child, next.as_ref());
        }
    }
}

/// Takes `node` out of the page.
pub fn remove(node: &Node) {
    if let Some(parent) = node.parent_node() {
        let _ = parent.remove_child(node);
    }
}

/// An owner of its own for a part of a view that comes and goes (a message, a panel, a
/// step): dropped, it is cleaned up (its signals disposed, its tasks cancelled) even while a
/// task or a listener still holds the owner.
pub struct Scope(Owner);

impl Scope {
    /// A child of `parent`, which is taken outside any effect: an effect's own owner is
    /// cleaned before each of its runs, and its children with it.
    pub fn under(parent: &Owner) -> Scope {
        Scope(parent.child())
    }

    pub fn with<T>(&self, draw: impl FnOnce() -> T) -> T {
        self.0.with(|| untrack(draw))
    }
}

impl Drop for Scope {
    fn drop(&mut self) {
        self.0.cleanup();
    }
}

/// The nodes a built view is made of, shared with what may swap one of them.
pub type Nodes = Rc<RefCell<Vec<Node>>>;

/// Built nodes as a view, with `keep` (their effects, their state) dropped when they go.
pub struct Built {
    nodes: OneThread<Nodes>,
    keep: OneThread<Box<dyn Any>>,
}

impl Built {
    pub fn new(nodes: Nodes, keep: Box<dyn Any>) -> Self {
        Built {
            nodes: OneThread::new(nodes),
            keep: OneThread::new(keep),
        }
    }

    /// One built element as a view.
    pub fn element(element: Element, keep: Box<dyn Any>) -> Self {
        Built::new(Rc::new(RefCell::new(vec![element.into()])), keep)
    }

    /// Built nodes as a view.
    pub fn nodes(nodes: Vec<Node>, keep: Box<dyn Any>) -> Self {
        Built::new(Rc::new(RefCell::new(nodes)), keep)
    }

    /// Draws the nodes at the end of `parent`. What it returns keeps them up to date; its
    /// `take_out` takes them out of the page (dropping it does not: they go with `parent`).
    pub fn append_to(self, parent: &Element) -> BuiltState {
        let state = self.build();
        for node in state.nodes.borrow().iter() {
            let _ = parent.append_child(node);
        }
        state
    }
}

pub struct BuiltState {
    nodes: Nodes,
    _keep: Box<dyn Any>,
}

impl BuiltState {
    /// Takes the nodes out of the page, and stops keeping them up to date.
    pub fn take_out(mut self) {
        self.unmount();
    }
}

impl Mountable for BuiltState {
    fn unmount(&mut self) {
        for node in self.nodes.borrow().iter() {
            remove(node);
        }
    }

    fn mount(&mut self, parent: &Element, marker: Option<&Node>) {
        for node in self.nodes.borrow().iter() {
            let _ = parent.insert_before(node, marker);
        }
    }

    fn insert_before_this(&self, child: &mut dyn Mountable) -> bool {
        let first = self.nodes.borrow().first().cloned();
        first.is_some_and(|first| first.insert_before_this(child))
    }

    fn elements(&self) -> Vec<Element> {
        self.nodes
            .borrow()
            .iter()
            .filter_map(|node| node.dyn_ref::<Element>().cloned())
            .collect()
    }
}

impl Render for Built {
    type State = BuiltState;

    fn build(self) -> BuiltState {
        BuiltState {
            nodes: self.nodes.take(),
            _keep: self.keep.take(),
        }
    }

    fn rebuild(self, state: &mut BuiltState) {
        let mut new = self.build();
        state.insert_before_this(&mut new);
        state.unmount();
        *state = new;
    }
}

/// Attributes given to a built view are not for it: the widget gives it none.
impl AddAnyAttr for Built {
    type Output<SomeNewAttr: Attribute> = Built;

    fn add_any_attr<NewAttr: Attribute>(self, _attr: NewAttr) -> Built {
        self
    }
}

/// Only what Leptos asks of every view: the widget renders in the browser alone.
impl RenderHtml for Built {
    type AsyncOutput = Built;
    type Owned = Built;

    const MIN_LENGTH: usize = 0;

    fn dry_resolve(&mut self) {}

    async fn resolve(self) -> Built {
        self
    }

    fn to_html_with_buf(
        self,
        _buf: &mut String,
        _position: &mut Position,
        _escape: bool,
        _mark_branches: bool,
        _extra_attrs: Vec<AnyAttribute>,
    ) {
    }

    fn hydrate<const FROM_SERVER: bool>(
        self,
        _cursor: &Cursor,
        _position: &PositionState,
    ) -> BuiltState {
        self.build()
    }

    fn into_owned(self) -> Built {
        self
    }
}
