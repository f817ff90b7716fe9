//! The inbox's HTML: every piece of shopper text goes through `esc`, every page carries the
//! same strict headers, and the one script and one style sheet are files the receiver
//! serves (no inline script or style, so the Content-Security-Policy allows only 'self').

use std::fmt::Write as _;
use std::sync::OnceLock;

use chatcart_core::checkout::{Fulfilment, Payment};
use chatcart_core::handoff::WhatsAppNumber;
use chatcart_core::order::OrderDocument;
use chatcart_core::order_status::{OrderStatus, StatusChange, READY_IN_MAX_MINUTES, REASON_MAX};
use chatcart_core::text::Fnv1a;
use chatcart_core::words::{English, Language};
use hyper::StatusCode;
use percent_encoding::{utf8_percent_encode, NON_ALPHANUMERIC};

use super::events::Marks;
use super::{customer_whatsapp, NoWhatsApp, SignedIn};
use crate::receive::Reply;
use crate::store::{Listed, Summary};

pub const CSS: &str = include_str!("inbox.css");
pub const JS: &str = include_str!("inbox.js");
/// The tab's icon: a browser asks for one anyway.
pub const ICON: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 16 16\">\
    <rect width=\"16\" height=\"16\" rx=\"4\" fill=\"#0b6b3a\"/>\
    <path d=\"M4 8.5l2.5 2.5L12 5.5\" stroke=\"#fff\" stroke-width=\"2\" fill=\"none\"/></svg>";

const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
    connect-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; \
    frame-ancestors 'none'";

/// `text` safe inside HTML text and double- or single-quoted attributes.
pub fn esc(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            c => escaped.push(c),
        }
    }
    escaped
}

pub fn url_encode(text: &str) -> String {
    utf8_percent_encode(text, NON_ALPHANUMERIC).to_string()
}

/// An asset's address with its content's fingerprint, so it can be cached for good.
fn asset_url(name: &str, content: &str) -> String {
    static VERSIONS: OnceLock<(String, String)> = OnceLock::new();
    let (css, js) = VERSIONS.get_or_init(|| {
        let short = |text: &str| format!("{:08x}", Fnv1a::of(text.as_bytes()).hash() >> 32);
        (short(CSS), short(JS))
    });
    let version = if content == CSS { css } else { js };
    format!("/inbox/{name}?v={version}")
}

pub fn asset(content: &'static str, content_type: &'static str) -> Reply {
    let mut reply = Reply::new(StatusCode::OK, content_type, content.to_owned())
        .with("Cache-Control", "public, max-age=31536000, immutable")
        .with("X-Content-Type-Options", "nosniff");
    reply.content_type = match content_type {
        "text/css" => "text/css; charset=utf-8",
        "image/svg+xml" => "image/svg+xml",
        _ => "text/javascript; charset=utf-8",
    };
    reply
}

/// What surrounds a page: who is signed in (for the header and its sign-out form) and the
/// marks the page was drawn at (for its live updates).
pub struct Frame<'a> {
    user: Option<&'a str>,
    csrf: &'a str,
    marks: Option<Marks>,
}

impl<'a> Frame<'a> {
    pub fn signed_in(me: &'a SignedIn, (order, step): (i64, i64)) -> Self {
        Frame {
            user: Some(&me.session.user),
            csrf: &me.session.csrf,
            marks: Some(Marks { order, step }),
        }
    }

    fn signed_out() -> Self {
        Frame {
            user: None,
            csrf: "",
            marks: None,
        }
    }
}

/// A whole page around `main`, with the inbox's headers.
fn page(status: StatusCode, title: &str, frame: &Frame, body_data: &str, main: &str) -> Reply {
    let mut html = String::with_capacity(main.len() + 1200);
    let _ = write!(
        html,
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"color-scheme\" content=\"light\">\n\
         <title>{}</title>\n<link rel=\"icon\" href=\"/inbox/icon.svg\">\n\
         <link rel=\"stylesheet\" href=\"{}\">\n\
         <script src=\"{}\" defer></script>\n</head>\n<body{}{}>\n",
        if title == "Orders" {
            "Orders".to_owned()
        } else {
            format!("{} · Orders", esc(title))
        },
        asset_url("inbox.css", CSS),
        asset_url("inbox.js", JS),
        frame
            .marks
            .map(|marks| format!(" data-events=\"/inbox/events?since={}\"", marks.text()))
            .unwrap_or_default(),
        body_data,
    );
    if let Some(user) = frame.user {
        let _ = write!(
            html,
            "<header class=\"cc-bar\">\n<a class=\"cc-brand\" href=\"/inbox\">Orders</a>\n\
             <span class=\"cc-user\">{}</span>\n\
             <form method=\"post\" action=\"/inbox/sign-out\">{}\
             <button class=\"cc-button cc-quiet\">Sign out</button></form>\n</header>\n",
            esc(user),
            csrf_field(frame.csrf)
        );
    }
    let _ = write!(
        html,
        "<main id=\"main\">\n{main}</main>\n</body>\n</html>\n"
    );
    secured(Reply::new(status, "text/html; charset=utf-8", html))
}

/// The headers of every inbox page: nothing runs but the inbox's own script, no site may
/// frame it, no address leaves it in a Referer, and no cache keeps it.
fn secured(reply: Reply) -> Reply {
    reply
        .with("Content-Security-Policy", CSP)
        .with("X-Frame-Options", "DENY")
        .with("Referrer-Policy", "same-origin")
        .with("X-Content-Type-Options", "nosniff")
        .with("Cross-Origin-Opener-Policy", "same-origin")
        .with("Cache-Control", "no-store")
}

fn csrf_field(csrf: &str) -> String {
    format!(
        "<input type=\"hidden\" name=\"csrf\" value=\"{}\">",
        esc(csrf)
    )
}

/// A page that only says something: a refusal, with what to do.
pub fn message(status: StatusCode, title: &str, text: &str) -> Reply {
    let main = format!(
        "<h1>{}</h1>\n<p>{}</p>\n<p><a href=\"/inbox\">Go to the orders</a></p>\n",
        esc(title),
        esc(text)
    );
    page(status, title, &Frame::signed_out(), "", &main)
}

pub fn sign_in(status: StatusCode, name: &str, problem: Option<&str>, next: &str) -> Reply {
    let mut main =
        String::from("<div class=\"cc-narrow\">\n<h1>Sign in to the orders inbox</h1>\n");
    if let Some(problem) = problem {
        let _ = writeln!(
            main,
            "<p class=\"cc-problem\" role=\"alert\" id=\"cc-sign-in-problem\">{}</p>",
            esc(problem)
        );
    }
    let described = if problem.is_some() {
        " aria-describedby=\"cc-sign-in-problem\""
    } else {
        ""
    };
    let _ = write!(
        main,
        "<form class=\"cc-form\" method=\"post\" action=\"/inbox/sign-in\">\n\
         <input type=\"hidden\" name=\"next\" value=\"{}\">\n\
         <label for=\"cc-name\">Name</label>\n\
         <input id=\"cc-name\" name=\"name\" autocomplete=\"username\" autocapitalize=\"none\" \
         spellcheck=\"false\" required value=\"{}\"{described}>\n\
         <label for=\"cc-password\">Password</label>\n\
         <input id=\"cc-password\" name=\"password\" type=\"password\" \
         autocomplete=\"current-password\" required{described}>\n\
         <button class=\"cc-button cc-primary\">Sign in</button>\n</form>\n</div>\n",
        esc(next),
        esc(name),
    );
    page(status, "Sign in", &Frame::signed_out(), "", &main)
}

/// "2026-11-21 08:50 UTC" from an RFC 3339 UTC time, in a `<time>` the script shows in the
/// phone's own zone.
fn time(at: &str) -> String {
    let shown = match (at.get(0..10), at.get(11..16)) {
        (Some(day), Some(clock)) if at.ends_with('Z') => format!("{day} {clock} UTC"),
        _ => at.to_owned(),
    };
    format!("<time datetime=\"{}\">{}</time>", esc(at), esc(&shown))
}

/// An amount, exact, which the script formats with the browser's `Intl.NumberFormat`.
fn money(amount: &str, currency: &str) -> String {
    format!(
        "<data class=\"cc-money\" value=\"{}\" data-currency=\"{}\">{} {}</data>",
        esc(amount),
        esc(currency),
        esc(currency),
        esc(amount)
    )
}

fn badge(status: OrderStatus, fulfilment: Fulfilment) -> String {
    format!(
        "<span class=\"cc-badge cc-badge-{}\">{}</span>",
        status.as_str(),
        English.status_name(status, fulfilment)
    )
}

pub fn list(frame: &Frame, search: &str, shown: &[Summary], found: usize, total: usize) -> Reply {
    let mut main = String::from(
        "<h1>Orders</h1>\n\
         <div id=\"cc-live\" class=\"cc-live\" role=\"status\" aria-live=\"polite\"></div>\n\
         <p class=\"cc-alerts\"><button type=\"button\" id=\"cc-alerts\" \
         class=\"cc-button cc-quiet\" hidden>Turn on sound and notifications</button></p>\n",
    );
    let _ = write!(
        main,
        "<form class=\"cc-search\" role=\"search\" method=\"get\" action=\"/inbox\">\n\
         <label for=\"cc-q\">Search by reference, phone or name</label>\n\
         <div class=\"cc-row\"><input id=\"cc-q\" name=\"q\" type=\"search\" value=\"{}\" \
         autocomplete=\"off\"><button class=\"cc-button\">Search</button></div>\n</form>\n",
        esc(search)
    );
    let counted = match (search.trim().is_empty(), total) {
        (_, 0) => "No orders yet. New orders appear here as they arrive.".to_owned(),
        (true, 1) => "1 order".to_owned(),
        (true, _) => format!("{total} orders, newest first"),
        (false, _) => format!("{found} of {total} orders match “{}”", esc(search.trim())),
    };
    let more = if found > shown.len() {
        format!(" (the newest {} shown)", shown.len())
    } else {
        String::new()
    };
    let show_all = if search.trim().is_empty() {
        ""
    } else {
        " <a href=\"/inbox\">Show all orders</a>"
    };
    let _ = writeln!(
        main,
        "<p id=\"cc-count\" class=\"cc-count\">{counted}{more}{show_all}</p>"
    );
    main.push_str("<ol id=\"cc-orders\" class=\"cc-orders\" aria-labelledby=\"cc-count\">\n");
    for order in shown {
        let _ = writeln!(
            main,
            "<li class=\"cc-order\"><a href=\"/inbox/orders/{number}\">\
             <span class=\"cc-order-top\"><strong class=\"cc-ref\">{reference}</strong> \
             <span class=\"cc-number\">#{number}</span> {badge}</span>\
             <span class=\"cc-name\">{name}</span>\
             <span class=\"cc-order-bottom\"><span class=\"cc-phone\">{phone}</span> {total}</span>\
             {time}</a></li>",
            number = order.order_number,
            reference = esc(&order.reference),
            badge = badge(order.status, order.fulfilment),
            name = esc(&order.customer_name),
            phone = esc(&order.customer_phone),
            total = money(&order.total, &order.currency),
            time = time(&order.received_at),
        );
    }
    main.push_str("</ol>\n");
    page(
        StatusCode::OK,
        "Orders",
        frame,
        " data-page=\"list\"",
        &main,
    )
}

/// What went wrong with a step the merchant tried, shown where it happened.
#[derive(Debug)]
pub enum Problem {
    /// The reason given for a rejection or cancellation (`step`): what is wrong with it,
    /// and what was typed, to be put back.
    Reason {
        step: OrderStatus,
        said: String,
        typed: String,
    },
    /// The minutes given with Accept.
    Minutes {
        said: String,
        typed: String,
    },
    /// Someone else moved the order first: it is now this.
    Moved(OrderStatus),
    Other(String),
}

/// The button that takes an order to `status`.
fn step_label(status: OrderStatus, fulfilment: Fulfilment) -> &'static str {
    let pickup = fulfilment == Fulfilment::Pickup;
    match status {
        OrderStatus::Accepted => "Accept",
        OrderStatus::Rejected => "Reject",
        OrderStatus::Packed if pickup => "Mark ready to collect",
        OrderStatus::Packed => "Mark packed",
        OrderStatus::OutForDelivery => "Mark out for delivery",
        OrderStatus::Delivered if pickup => "Mark collected",
        OrderStatus::Delivered => "Mark delivered",
        OrderStatus::Cancelled => "Cancel order",
        OrderStatus::Received => "Received",
    }
}

fn payment_name(payment: Payment, fulfilment: Fulfilment) -> &'static str {
    match (payment, fulfilment) {
        (Payment::CashOnDelivery, Fulfilment::Pickup) => "Cash at pickup",
        (Payment::CashOnDelivery, Fulfilment::Delivery) => "Cash on delivery",
        (Payment::Upi, _) => "UPI",
        (Payment::InChat, _) => "Pay in the chat",
    }
}

/// The shop as the inbox names it to customers: its own name (never the one an order
/// carries, which the shopper's page chose), and the language it writes to them in.
#[derive(Clone, Copy)]
pub struct Shop<'a> {
    pub name: Option<&'a str>,
    pub language: &'static dyn Language,
}

/// The customer's message about `change`, and the wa.me link that sends it, or why the
/// phone they gave gets none.
fn tell_customer(
    order: &Listed,
    document: &OrderDocument,
    change: &StatusChange,
    shop: Shop,
) -> (String, Result<String, NoWhatsApp>) {
    let name = shop
        .name
        .map_or_else(|| capitalized(shop.language.our_shop()), str::to_owned);
    let text = shop
        .language
        .customer_update(&name, &order.reference, document.fulfilment, change);
    let link = customer_whatsapp(&document.customer.phone, &document.currency).and_then(|digits| {
        WhatsAppNumber::parse(&digits)
            .map(|number| number.click_to_chat_link(&text))
            .map_err(|_| NoWhatsApp::NotANumber)
    });
    (text, link)
}

fn step_forms(
    main: &mut String,
    order: &Listed,
    fulfilment: Fulfilment,
    csrf: &str,
    problem: Option<&Problem>,
) {
    let steps = order.status.next_steps(fulfilment);
    if steps.is_empty() {
        return;
    }
    main.push_str(
        "<section class=\"cc-steps\" aria-labelledby=\"cc-steps-h\">\n\
         <h2 id=\"cc-steps-h\">Next step</h2>\n",
    );
    for &next in steps {
        let _ = writeln!(
            main,
            "<form class=\"cc-step cc-step-{}\" method=\"post\" action=\"/inbox/orders/{}\">{}\
             <input type=\"hidden\" name=\"seen\" value=\"{}\">\
             <input type=\"hidden\" name=\"step\" value=\"{}\">",
            next.as_str(),
            order.order_number,
            csrf_field(csrf),
            order.status.as_str(),
            next.as_str(),
        );
        // What is wrong with a field of this form, and what was typed in it.
        let field_problem = |wanted: fn(&Problem, OrderStatus) -> Option<(&String, &String)>| {
            problem.and_then(|p| wanted(p, next))
        };
        match next {
            OrderStatus::Accepted => {
                let (said, typed) = field_problem(|p, _| match p {
                    Problem::Minutes { said, typed } => Some((said, typed)),
                    _ => None,
                })
                .unzip();
                let _ = write!(
                    main,
                    "<label for=\"cc-minutes\">{} (optional)</label>\n\
                     <input id=\"cc-minutes\" name=\"minutes\" type=\"number\" \
                     inputmode=\"numeric\" min=\"1\" max=\"{READY_IN_MAX_MINUTES}\"{}{}>\n{}",
                    if fulfilment == Fulfilment::Pickup {
                        "Minutes until ready"
                    } else {
                        "Minutes to delivery"
                    },
                    typed_value(typed),
                    invalid(said.is_some(), "cc-minutes-problem"),
                    field_message(said, "cc-minutes-problem"),
                );
            }
            OrderStatus::Rejected | OrderStatus::Cancelled => {
                let (said, typed) = field_problem(|p, next| match p {
                    Problem::Reason { step, said, typed } if *step == next => Some((said, typed)),
                    _ => None,
                })
                .unzip();
                let id = format!("cc-reason-{}", next.as_str());
                let label = if next == OrderStatus::Rejected {
                    "Reason for rejecting"
                } else {
                    "Reason for cancelling"
                };
                let _ = write!(
                    main,
                    "<label for=\"{id}\">{label}</label>\n\
                     <input id=\"{id}\" name=\"reason\" required maxlength=\"{REASON_MAX}\" \
                     autocomplete=\"off\"{}{}>\n{}",
                    typed_value(typed),
                    invalid(said.is_some(), &format!("{id}-problem")),
                    field_message(said, &format!("{id}-problem")),
                );
            }
            _ => {}
        }
        let kind = match next {
            OrderStatus::Rejected | OrderStatus::Cancelled => "cc-danger",
            _ => "cc-primary",
        };
        let _ = write!(
            main,
            "<button class=\"cc-button {kind}\">{}</button>\n</form>\n",
            step_label(next, fulfilment)
        );
    }
    main.push_str("</section>\n");
}

/// What was typed in a field, put back into it.
fn typed_value(typed: Option<&String>) -> String {
    typed
        .filter(|typed| !typed.is_empty())
        .map(|typed| format!(" value=\"{}\"", esc(typed)))
        .unwrap_or_default()
}

fn invalid(is: bool, described_by: &str) -> String {
    if is {
        format!(" aria-invalid=\"true\" aria-describedby=\"{described_by}\" autofocus")
    } else {
        String::new()
    }
}

fn field_message(said: Option<&String>, id: &str) -> String {
    said.map(|text| {
        format!(
            "<p class=\"cc-field-problem\" id=\"{id}\">{}</p>\n",
            esc(&capitalized(text))
        )
    })
    .unwrap_or_default()
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn address_block(document: &OrderDocument) -> String {
    match &document.address {
        Some(address) => [
            address.house.as_str(),
            &address.area,
            &address.city,
            &[address.region.as_str(), &address.postal_code]
                .iter()
                .filter(|s| !s.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(" "),
        ]
        .iter()
        .filter(|line| !line.is_empty())
        .map(|line| esc(line))
        .collect::<Vec<_>>()
        .join("<br>"),
        None => "Pickup at the shop".into(),
    }
}

pub fn order(
    frame: &Frame,
    order: &Listed,
    shop: Shop,
    done: bool,
    problem: Option<(StatusCode, Problem)>,
) -> Reply {
    let Some(document) = order.document() else {
        return message(
            StatusCode::INTERNAL_SERVER_ERROR,
            "Unreadable order",
            &format!(
                "Order #{} is stored in a form this receiver cannot read; list it with chatcart orders --json.",
                order.order_number
            ),
        );
    };
    let fulfilment = document.fulfilment;
    let (status, problem) = match problem {
        Some((status, problem)) => (status, Some(problem)),
        None => (StatusCode::OK, None),
    };
    let mut main = format!(
        "<p class=\"cc-back\"><a href=\"/inbox\">All orders</a></p>\n\
         <h1>Order {} <span class=\"cc-number\">#{}</span></h1>\n\
         <div id=\"cc-live\" class=\"cc-live\" role=\"status\" aria-live=\"polite\"></div>\n\
         <p class=\"cc-state\">{} · received {}</p>\n",
        esc(order.reference.as_str()),
        order.order_number,
        badge(order.status, fulfilment),
        time(&order.received_at),
    );
    let last = order.history.last();
    if let (true, Some(change)) = (done, last) {
        let (text, link) = tell_customer(order, &document, change, shop);
        let _ = write!(
            main,
            "<div class=\"cc-done\" role=\"status\">\n<p><strong>Order {} is now {}.</strong></p>\n",
            esc(order.reference.as_str()),
            English.status_name(change.status, fulfilment).to_lowercase()
        );
        match link {
            Ok(link) => {
                let _ = writeln!(
                    main,
                    "<p><a class=\"cc-button cc-whatsapp\" href=\"{}\" target=\"_blank\" \
                     rel=\"noopener noreferrer\" autofocus>Tell the customer on WhatsApp</a></p>",
                    esc(&link)
                );
            }
            Err(NoWhatsApp::NoCountryCode) => {
                let _ = writeln!(
                    main,
                    "<p>The phone number {} is written without its country code, so it is not \
                     opened in WhatsApp from here (a guessed code could reach a stranger). \
                     Send this message yourself, to the number with its country code:</p>",
                    esc(&document.customer.phone)
                );
            }
            Err(NoWhatsApp::NotANumber) => {
                let _ = writeln!(
                    main,
                    "<p>The phone number {} cannot be opened in WhatsApp from here; send \
                     this message yourself:</p>",
                    esc(&document.customer.phone)
                );
            }
        }
        let _ = write!(
            main,
            "<p class=\"cc-message-label\">The message:</p>\n\
             <p class=\"cc-message\" data-testid=\"customer-message\">{}</p>\n</div>\n",
            esc(&text)
        );
    }
    let steps = order.status.next_steps(fulfilment);
    if let Some(problem) = &problem {
        let said = match problem {
            Problem::Moved(now) => Some(format!(
                "This order is now {}: someone else took a step first, so nothing was \
                 changed. Check it and choose again.",
                English.status_name(*now, fulfilment).to_lowercase()
            )),
            Problem::Other(text) => Some(format!("{}.", capitalized(text))),
            // Said at its field, when the page still has the form (the order may have moved
            // on since the merchant saw it).
            Problem::Reason { step, said, .. } if !steps.contains(step) => {
                Some(format!("{}.", capitalized(said)))
            }
            Problem::Minutes { said, .. } if !steps.contains(&OrderStatus::Accepted) => {
                Some(format!("{}.", capitalized(said)))
            }
            Problem::Reason { .. } | Problem::Minutes { .. } => None,
        };
        if let Some(said) = said {
            let _ = writeln!(
                main,
                "<p class=\"cc-problem\" role=\"alert\">{}</p>",
                esc(&said)
            );
        }
    }
    step_forms(&mut main, order, fulfilment, frame.csrf, problem.as_ref());

    // The customer and how the order reaches them.
    let _ = write!(
        main,
        "<section aria-labelledby=\"cc-customer-h\">\n<h2 id=\"cc-customer-h\">Customer</h2>\n\
         <dl class=\"cc-facts\">\n<dt>Name</dt><dd>{}</dd>\n\
         <dt>Phone</dt><dd><a href=\"tel:{}\">{}</a></dd>\n<dt>{}</dt><dd>{}</dd>\n",
        esc(&document.customer.name),
        esc(&document.customer.phone.replace(' ', "")),
        esc(&document.customer.phone),
        if fulfilment == Fulfilment::Delivery {
            "Deliver to"
        } else {
            "Handed over"
        },
        address_block(&document),
    );
    if let Some(slot) = &document.delivery_slot {
        let _ = writeln!(main, "<dt>Time</dt><dd>{}</dd>", esc(slot));
    }
    let _ = writeln!(
        main,
        "<dt>Payment</dt><dd>{}</dd>",
        payment_name(document.payment, fulfilment)
    );
    if let Some(notes) = &document.customer.notes {
        let _ = writeln!(
            main,
            "<dt>Notes</dt><dd class=\"cc-notes\">{}</dd>",
            esc(notes)
        );
    }
    main.push_str("</dl>\n</section>\n");

    items(&mut main, &document, true);

    main.push_str(
        "<section aria-labelledby=\"cc-history-h\">\n<h2 id=\"cc-history-h\">History</h2>\n\
         <ol class=\"cc-history\">\n",
    );
    for change in &order.history {
        let _ = write!(
            main,
            "<li><strong>{}</strong> {} by {}",
            English.status_name(change.status, fulfilment),
            time(&change.at),
            esc(&change.by)
        );
        if let Some(minutes) = change.ready_in_minutes {
            let _ = write!(main, " · expected in about {minutes} minutes");
        }
        if let Some(reason) = &change.reason {
            let _ = write!(main, " · reason: {}", esc(reason));
        }
        main.push_str("</li>\n");
    }
    main.push_str("</ol>\n");
    if let (false, Some(change)) = (done, last.filter(|c| c.status != OrderStatus::Received)) {
        if let (_, Ok(link)) = tell_customer(order, &document, change, shop) {
            let _ = writeln!(
                main,
                "<p><a href=\"{}\" target=\"_blank\" rel=\"noopener noreferrer\">Send the \
                 last update on WhatsApp</a></p>",
                esc(&link)
            );
        }
    }
    main.push_str("</section>\n");
    let _ = writeln!(
        main,
        "<p><a class=\"cc-button\" href=\"/inbox/orders/{}/slip\">Packing slip</a></p>",
        order.order_number
    );
    let title = format!("Order {}", order.reference.as_str());
    let data = format!(" data-page=\"order\" data-order=\"{}\"", order.order_number);
    page(status, &title, frame, &data, &main)
}

/// The order's lines and charges, as a table; with prices on the order page, without on
/// the packing slip (which has a column to tick instead).
fn items(main: &mut String, document: &OrderDocument, priced: bool) {
    let count: u32 = document.product_items.iter().map(|i| i.quantity).sum();
    let _ = write!(
        main,
        "<section aria-labelledby=\"cc-items-h\">\n<h2 id=\"cc-items-h\">Items ({count})</h2>\n\
         <table class=\"cc-items\">\n<thead><tr>{}<th scope=\"col\">Qty</th>\
         <th scope=\"col\">Item</th>{}</tr></thead>\n<tbody>\n",
        if priced {
            ""
        } else {
            "<th scope=\"col\">Packed</th>"
        },
        if priced {
            "<th scope=\"col\" class=\"cc-amount\">Amount</th>"
        } else {
            ""
        },
    );
    for item in &document.product_items {
        let name = match &item.options {
            Some(options) => format!("{} ({options})", item.title),
            None => item.title.clone(),
        };
        let _ = writeln!(
            main,
            "<tr>{}<td class=\"cc-qty\">{}</td><td>{}<br><span class=\"cc-id\">{}</span></td>{}</tr>",
            if priced {
                String::new()
            } else {
                "<td><span class=\"cc-box\"></span></td>".into()
            },
            item.quantity,
            esc(&name),
            esc(item.product_retailer_id.as_str()),
            if priced {
                format!(
                    "<td class=\"cc-amount\">{}</td>",
                    money(&item.line_total, &document.currency)
                )
            } else {
                String::new()
            },
        );
    }
    main.push_str("</tbody>\n");
    if priced {
        let currency = &document.currency;
        let mut rows: Vec<(String, String)> = Vec::new();
        if !document.subtotal.is_empty() {
            rows.push(("Subtotal".into(), money(&document.subtotal, currency)));
        }
        if document.fulfilment == Fulfilment::Delivery && !document.shipping.is_empty() {
            rows.push(("Delivery".into(), money(&document.shipping, currency)));
        }
        if let Some(discount) = &document.discount {
            let label = match &discount.code {
                Some(code) => format!("Discount ({})", esc(code)),
                None => "Discount".into(),
            };
            rows.push((label, format!("−{}", money(&discount.amount, currency))));
        }
        rows.push(("Total".into(), money(&document.total, currency)));
        main.push_str("<tfoot>\n");
        for (label, amount) in rows {
            let _ = writeln!(
                main,
                "<tr><th scope=\"row\" colspan=\"2\">{label}</th><td class=\"cc-amount\">{amount}</td></tr>"
            );
        }
        main.push_str("</tfoot>\n");
    }
    main.push_str("</table>\n</section>\n");
}

/// The packing slip, headed with the shop's own name when it has one.
pub fn slip(order: &Listed, shop_name: Option<&str>) -> Reply {
    let Some(document) = order.document() else {
        return message(
            StatusCode::INTERNAL_SERVER_ERROR,
            "Unreadable order",
            "This order is stored in a form this receiver cannot read.",
        );
    };
    let fulfilment = document.fulfilment;
    let mut main = format!(
        "<p class=\"cc-noprint\"><a href=\"/inbox/orders/{number}\">Back to the order</a> \
         <button type=\"button\" class=\"cc-button cc-primary\" data-print hidden>Print</button></p>\n\
         <h1>{heading}</h1>\n\
         <p class=\"cc-slip-ref\">Order <strong>{reference}</strong> (#{number}) · {time}</p>\n\
         {stopped}\
         <section aria-labelledby=\"cc-to-h\">\n<h2 id=\"cc-to-h\">{to}</h2>\n\
         <p class=\"cc-to\">{name}<br>{phone}<br>{address}</p>\n",
        number = order.order_number,
        stopped = if matches!(order.status, OrderStatus::Rejected | OrderStatus::Cancelled) {
            format!(
                "<p class=\"cc-problem\">This order was {}: do not pack it.</p>\n",
                English.status_name(order.status, fulfilment).to_lowercase()
            )
        } else {
            String::new()
        },
        heading = match shop_name {
            Some(name) => format!("{}: packing slip", esc(name)),
            None => "Packing slip".into(),
        },
        reference = esc(order.reference.as_str()),
        time = time(&order.received_at),
        to = if fulfilment == Fulfilment::Delivery {
            "Deliver to"
        } else {
            "Pickup"
        },
        name = esc(&document.customer.name),
        phone = esc(&document.customer.phone),
        address = address_block(&document),
    );
    if let Some(slot) = &document.delivery_slot {
        let _ = writeln!(main, "<p>Time: {}</p>", esc(slot));
    }
    let collect = match document.payment {
        Payment::CashOnDelivery => format!(
            "{}: collect {}",
            payment_name(document.payment, fulfilment),
            money(&document.total, &document.currency)
        ),
        other => format!(
            "{} (total {})",
            payment_name(other, fulfilment),
            money(&document.total, &document.currency)
        ),
    };
    let _ = writeln!(main, "<p class=\"cc-collect\">{collect}</p>\n</section>");
    items(&mut main, &document, false);
    if let Some(notes) = &document.customer.notes {
        let _ = write!(
            main,
            "<section aria-labelledby=\"cc-notes-h\">\n<h2 id=\"cc-notes-h\">Notes</h2>\n\
             <p class=\"cc-notes\">{}</p>\n</section>\n",
            esc(notes)
        );
    }
    let title = format!("Packing slip {}", order.reference.as_str());
    page(
        StatusCode::OK,
        &title,
        &Frame::signed_out(),
        " data-page=\"slip\" class=\"cc-slip\"",
        &main,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shopper_text_is_escaped_everywhere_it_goes() {
        assert_eq!(
            esc("<img src=x onerror=alert(1)> & \"'"),
            "&lt;img src=x onerror=alert(1)&gt; &amp; &quot;&#39;"
        );
        assert_eq!(
            time("2026-11-21T08:50:03Z"),
            "<time datetime=\"2026-11-21T08:50:03Z\">2026-11-21 08:50 UTC</time>"
        );
        assert_eq!(url_encode("/inbox?q=a b"), "%2Finbox%3Fq%3Da%20b");
    }
}
