//! Elements built by hand, for the views every first visit draws: the storefront's header,
//! the conversation and the product cards. Leptos's typed views compile their building,
//! updating and removal again for every shape of view; these few calls are compiled once
//! (issue 13: the product list alone was 6.2 KB of brotli less in the first download, the
//! conversation 7.9 KB more). Built nodes are put into a Leptos view as a [`Built`], which
//! keeps what keeps them up to date for as long as they are shown; a Leptos view is drawn
//! inside built ones by [`mount_view`].

use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::{document, untrack, Owner};
use leptos::tachys::html::attribute::any_attribute::AnyAttribute;
use leptos::tachys::html::attribute::Attribute;
use leptos::tachys::hydration::Cursor;
use leptos::tachys::view::add_attr::AddAnyAttr;
use leptos::tachys::view::any_view::{AnyView, AnyViewState};
use leptos::tachys::view::{Mountable, Position, PositionState, Render, RenderHtml};
use send_wrapper::SendWrapper;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, Node};

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

/// Takes `node` out of the page.
pub fn remove(node: &Node) {
    if let Some(parent) = node.parent_node() {
        let _ = parent.remove_child(node);
    }
}

/// Draws a Leptos `view` at the end of `parent`. What it returns keeps it up to date; its
/// `unmount` takes it out (dropping it does not, so it goes when its parent does).
pub fn mount_view(parent: &Element, view: AnyView) -> AnyViewState {
    let mut state = view.build();
    state.mount(parent, None);
    state
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
    nodes: SendWrapper<Nodes>,
    keep: SendWrapper<Box<dyn Any>>,
}

impl Built {
    pub fn new(nodes: Nodes, keep: Box<dyn Any>) -> Self {
        Built {
            nodes: SendWrapper::new(nodes),
            keep: SendWrapper::new(keep),
        }
    }

    /// One built element as a view.
    pub fn element(element: Element, keep: Box<dyn Any>) -> Self {
        Built::new(Rc::new(RefCell::new(vec![element.into()])), keep)
    }
}

pub struct BuiltState {
    nodes: Nodes,
    _keep: Box<dyn Any>,
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
