// The merchant's inbox, live: times and amounts in the phone's own format, new orders and
// steps from /inbox/events announced (aria-live, a sound, a notification) and the list
// redrawn from the server's own page, so there is one renderer. Without this script every
// page still works; it only stops being live.
'use strict';
(() => {
  const body = document.body;

  /** Amounts with the browser's Intl, from the exact decimal string; times in local time. */
  function localize(root) {
    for (const node of root.querySelectorAll('data.cc-money')) {
      try {
        node.textContent = new Intl.NumberFormat(navigator.language || 'en-IN', {
          style: 'currency',
          currency: node.dataset.currency,
        }).format(node.value);
      } catch (_) {
        /* an unknown currency keeps the server's "INR 693.00" */
      }
    }
    for (const node of root.querySelectorAll('time[datetime]')) {
      const at = new Date(node.getAttribute('datetime'));
      if (!Number.isNaN(at.getTime())) {
        node.textContent = at.toLocaleString(navigator.language || 'en-IN', {
          day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit',
        });
      }
    }
  }
  localize(document);

  for (const button of document.querySelectorAll('[data-print]')) {
    button.hidden = false;
    button.addEventListener('click', () => window.print());
  }

  const events = body.dataset.events;
  if (!events) return;
  const live = document.getElementById('cc-live');

  // Sound and notifications, once the merchant turns them on: browsers let a page make
  // sound only after a tap, so the choice is remembered and the sound waits for a tap.
  const ALERTS = 'chatcart-inbox-alerts';
  let audio = null;
  function wakeAudio() {
    if (!audio) audio = new AudioContext();
    if (audio.state === 'suspended') audio.resume();
  }
  function chime() {
    if (!audio || audio.state !== 'running') return;
    const now = audio.currentTime;
    for (const [i, pitch] of [880, 1320].entries()) {
      const tone = audio.createOscillator();
      const gain = audio.createGain();
      tone.frequency.value = pitch;
      gain.gain.setValueAtTime(0.0001, now + i * 0.18);
      gain.gain.exponentialRampToValueAtTime(0.3, now + i * 0.18 + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, now + i * 0.18 + 0.16);
      tone.connect(gain).connect(audio.destination);
      tone.start(now + i * 0.18);
      tone.stop(now + i * 0.18 + 0.17);
    }
  }
  const alertsButton = document.getElementById('cc-alerts');
  const alertsOn = () => localStorage.getItem(ALERTS) === 'on';
  if (alertsOn()) {
    const firstTap = () => wakeAudio();
    document.addEventListener('pointerdown', firstTap, { once: true });
    document.addEventListener('keydown', firstTap, { once: true });
  }
  if (alertsButton) {
    const label = () => {
      alertsButton.textContent = alertsOn() ? 'Sound and notifications are on' : 'Turn on sound and notifications';
      alertsButton.setAttribute('aria-pressed', String(alertsOn()));
    };
    alertsButton.hidden = false;
    label();
    alertsButton.addEventListener('click', async () => {
      if (alertsOn()) {
        localStorage.removeItem(ALERTS);
      } else {
        localStorage.setItem(ALERTS, 'on');
        wakeAudio();
        chime();
        if ('Notification' in window && Notification.permission === 'default') {
          await Notification.requestPermission();
        }
      }
      label();
    });
  }

  function announce(text) {
    if (!live) return;
    live.textContent = text;
  }

  function notify(title, text, url) {
    if (!alertsOn() || !('Notification' in window) || Notification.permission !== 'granted') return;
    try {
      const note = new Notification(title, { body: text, tag: url });
      note.onclick = () => {
        window.focus();
        location.href = url;
      };
    } catch (_) {
      /* some phones allow notifications only from a service worker: the page still says it */
    }
  }

  // The list, redrawn from the page the server draws, keeping the merchant's focus.
  let redrawing = null;
  async function redrawList(fresh) {
    const list = document.getElementById('cc-orders');
    if (!list) return;
    if (redrawing) redrawing.abort();
    redrawing = new AbortController();
    try {
      const answer = await fetch(location.href, { signal: redrawing.signal, credentials: 'same-origin' });
      if (!answer.ok) return;
      const page = new DOMParser().parseFromString(await answer.text(), 'text/html');
      const newList = page.getElementById('cc-orders');
      const newCount = page.getElementById('cc-count');
      if (!newList) return;
      const focused = document.activeElement && list.contains(document.activeElement)
        ? document.activeElement.getAttribute('href') : null;
      list.replaceChildren(...newList.childNodes);
      const count = document.getElementById('cc-count');
      if (count && newCount) count.replaceChildren(...newCount.childNodes);
      for (const number of fresh) {
        const link = list.querySelector(`a[href="/inbox/orders/${number}"]`);
        if (link) link.parentElement.classList.add('cc-fresh');
      }
      localize(list);
      if (count) localize(count);
      if (focused) list.querySelector(`a[href="${focused}"]`)?.focus();
    } catch (_) {
      /* aborted by a newer redraw, or offline: the next event redraws */
    }
  }

  // A burst of events (a catch-up, a busy minute) redraws the list once, not once each.
  const REDRAW_AFTER_MS = 300;
  let freshSoon = [];
  let redrawDue = null;
  function redrawSoon(fresh) {
    freshSoon.push(...fresh);
    if (redrawDue) return;
    redrawDue = setTimeout(() => {
      const fresh = freshSoon;
      freshSoon = [];
      redrawDue = null;
      redrawList(fresh);
    }, REDRAW_AFTER_MS);
  }

  const onList = body.dataset.page === 'list';
  const thisOrder = body.dataset.order;

  // Where the page stands: the marks it was drawn at, then each event's. A stream opened
  // anew asks from here, so nothing that came meanwhile is missed.
  let since = new URL(events, location.href).searchParams.get('since') || '';
  // The browser reconnects by itself after a dropped connection, but gives up for good on
  // any answer that is not a stream (a 429, a 503, a proxy's error page): then the page
  // says so and tries again, waiting 2, 4, 8… up to 30 seconds.
  const FIRST_WAIT = 2;
  const LONGEST_WAIT = 30;
  let wait = FIRST_WAIT;
  let stopped = false;
  let source = null;

  function heard(event) {
    if (event.lastEventId) since = event.lastEventId;
  }

  function listen() {
    source = new EventSource(`/inbox/events?since=${encodeURIComponent(since)}`);
    source.addEventListener('open', () => {
      wait = FIRST_WAIT;
      if (stopped) {
        stopped = false;
        announce('Live updates are back.');
      }
    });
    source.addEventListener('error', () => {
      if (source.readyState !== EventSource.CLOSED) return;
      if (!stopped) {
        stopped = true;
        announce('Live updates stopped: new orders will not appear until they are back. Trying again…');
      }
      setTimeout(listen, wait * 1000);
      wait = Math.min(wait * 2, LONGEST_WAIT);
    });
    source.addEventListener('order', (event) => {
      heard(event);
      const order = JSON.parse(event.data);
      const text = `New order ${order.reference} from ${order.name}`;
      announce(text);
      chime();
      notify('New order', `${order.reference}: ${order.name}`, `/inbox/orders/${order.order_number}`);
      if (onList) redrawSoon([order.order_number]);
    });
    source.addEventListener('step', (event) => {
      heard(event);
      const step = JSON.parse(event.data);
      if (onList) {
        redrawSoon([]);
      } else if (thisOrder === String(step.order_number)) {
        announce(`This order is now ${step.status_name.toLowerCase()} (by ${step.by}). Reload the page to see it.`);
      }
    });
    source.addEventListener('signed-out', () => {
      source.close();
      announce('You are signed out. Reload the page to sign in again.');
    });
    // The inbox is open on more pages than a session may keep live: this, the oldest, stops.
    source.addEventListener('replaced', () => {
      source.close();
      announce('Live updates stopped on this page, since the inbox is open on several others. Reload it to have them here again.');
    });
  }
  listen();
})();
