/* The conversation page: live shared notes, the private note, the reflection, the timer.
 *
 * Each note is a Yjs document (a CRDT): both people type into their own copy, and copies
 * merge by construction, whatever the order or number of times changes arrive. This script
 * keeps the page's copies and the server's in step (docs/conversations.md):
 *   - a change typed here is sent within a quarter of a second, with everything else the
 *     server has not confirmed yet; until the server answers, the status says so, and the
 *     change stays in the page (offline for a minute, an hour: it is sent when the
 *     connection returns);
 *   - the other person's changes arrive through the page's event stream within a second; on
 *     every (re)connection the page asks for whatever it may have missed.
 * Nothing typed is ever replaced by the server's text: both are merged.
 */
(function () {
  "use strict";
  var csrf = (document.querySelector("[name=csrfmiddlewaretoken]") || {}).value ||
    (document.cookie.match(/csrftoken=([^;]+)/) || [])[1] || "";
  var grid = document.querySelector("[data-live-url]");
  var news = document.querySelector('[data-role="live-news"]');

  function post(url, body, type) {
    return fetch(url, { method: "POST", body: body, credentials: "same-origin",
      headers: { "X-CSRFToken": csrf, "Accept": "application/json", "Content-Type": type } });
  }

  function toBase64(bytes) {
    var text = "";
    for (var i = 0; i < bytes.length; i += 0x8000) {
      text += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    }
    return btoa(text);
  }

  function fromBase64(text) {
    var raw = atob(text || "");
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) { bytes[i] = raw.charCodeAt(i); }
    return bytes;
  }

  function tell(text) {
    if (!news) { return; }
    news.textContent = text;
    news.hidden = false;
  }

  /* One text area bound to its document. */
  function SharedText(area) {
    var doc = new Y.Doc();
    var text = doc.getText("text");
    var status = document.querySelector('[data-status-for="' + area.id + '"]');
    var composing = false, behind = false;
    if (area.dataset.state) { Y.applyUpdate(doc, fromBase64(area.dataset.state), "server"); }
    area.value = text.toString();

    this.name = area.dataset.document;
    this.area = area;
    this.doc = doc;
    // What the server is known to hold: the page was rendered from it.
    this.serverVector = Y.encodeStateVector(doc);
    this.unsent = false;   // changed here since the last update the server confirmed
    this.problem = null;   // "closed" or "too_long" while the server refuses the changes

    this.say = function (message, bad) {
      if (!status) { return; }
      status.textContent = message;
      status.classList.toggle("bad", !!bad);
    };

    var self = this;
    // The textarea's new value becomes the smallest edit of the text: what changed between
    // the common beginning and the common end. Other people's edits elsewhere stay untouched.
    function takeInput() {
      var before = text.toString(), after = area.value;
      if (before === after) { return; }
      var start = 0;
      while (start < before.length && start < after.length && before[start] === after[start]) { start++; }
      var endBefore = before.length, endAfter = after.length;
      while (endBefore > start && endAfter > start && before[endBefore - 1] === after[endAfter - 1]) {
        endBefore--; endAfter--;
      }
      doc.transact(function () {
        if (endBefore > start) { text.delete(start, endBefore - start); }
        if (endAfter > start) { text.insert(start, after.slice(start, endAfter)); }
      }, "local");
      typedAt = area.selectionStart;
      typedWhen = Date.now();
    }

    // Where this person last typed, and when: see show().
    var typedAt = -1, typedWhen = 0;

    // Someone else's edit: show it, keeping this person's cursor in its place in the text.
    // Text inserted exactly at the cursor goes after it while this person is typing there
    // (so two people typing at one spot each keep their words whole), and before it
    // otherwise (so a cursor left at the end of someone's sentence follows it as it grows).
    function show(delta) {
      if (composing) { behind = true; return; }
      var from = area.selectionStart, to = area.selectionEnd, at = 0;
      var typing = typedAt === from && Date.now() - typedWhen < 3000;
      function moved(position, n, isCursor) {
        if (at < position || (at === position && !(isCursor && typing))) { return position + n; }
        return position;
      }
      (delta || []).forEach(function (op) {
        if (op.retain) { at += op.retain; }
        else if (op.insert) {
          var n = typeof op.insert === "string" ? op.insert.length : 1;
          var newFrom = moved(from, n, true), newTo = moved(to, n, true);
          if (typedAt >= 0) { typedAt = moved(typedAt, n, true); }
          from = newFrom; to = newTo;
          at += n;
        } else if (op.delete) {
          if (at < from) { from -= Math.min(op.delete, from - at); }
          if (at < to) { to -= Math.min(op.delete, to - at); }
          if (at < typedAt) { typedAt -= Math.min(op.delete, typedAt - at); }
        }
      });
      var focused = document.activeElement === area;
      area.value = text.toString();
      if (focused) { area.setSelectionRange(from, to); }
    }

    area.addEventListener("compositionstart", function () { composing = true; });
    area.addEventListener("compositionend", function () {
      composing = false;
      takeInput();
      if (behind) { behind = false; show(null); }
    });
    area.addEventListener("input", function () { if (!composing) { takeInput(); } });
    text.observe(function (event, transaction) {
      if (transaction.origin !== "local") { show(delta(event)); }
    });
    doc.on("update", function (update, origin) {
      if (origin === "local") {
        self.unsent = true;
        if (self.problem !== "closed") { self.say("Saving…"); }
        pages.soon();
      }
    });
  }

  function delta(event) {
    try { return event.delta; } catch (e) { return null; }
  }

  /* The page's documents and the one request at a time that keeps them in step. */
  var pages = {
    texts: {},
    syncUrl: grid ? grid.dataset.syncUrl : "",
    inFlight: false,
    again: false,
    timer: null,
    retryMs: 1000,
    catchUp: false,   // ask for everything, not only for documents changed here
    closed: false,

    soon: function (ms) {
      var self = this;
      if (self.timer) { return; }
      self.timer = setTimeout(function () { self.timer = null; self.sync(); }, ms === undefined ? 250 : ms);
    },

    sync: function () {
      var self = this;
      if (self.inFlight) { self.again = true; return; }
      var wanted = {}, sent = [];
      Object.keys(self.texts).forEach(function (name) {
        var t = self.texts[name];
        var send = t.unsent && t.problem !== "closed";
        if (!send && !self.catchUp) { return; }
        wanted[name] = {
          update: send ? toBase64(Y.encodeStateAsUpdate(t.doc, t.serverVector)) : "",
          state_vector: toBase64(Y.encodeStateVector(t.doc))
        };
        if (send) { t.unsent = false; sent.push(t); }
      });
      if (!Object.keys(wanted).length) { return; }
      self.catchUp = false;
      self.inFlight = true;
      post(self.syncUrl, JSON.stringify({ documents: wanted }), "application/json")
        .then(function (r) {
          // Signed out meanwhile (the request was sent to the sign-in page, or refused).
          if (r.redirected || r.status === 403) { throw new Error("signed out"); }
          if (!r.ok) { throw new Error("status " + r.status); }
          return r.json();
        })
        .then(function (answer) {
          self.inFlight = false;
          self.retryMs = 1000;
          Object.keys(answer.documents || {}).forEach(function (name) {
            var t = self.texts[name], got = answer.documents[name];
            if (!t) { return; }
            if (got.error) {
              if (sent.indexOf(t) >= 0) { t.unsent = true; }  // kept here, not saved there
              t.problem = got.error === "closed" ? "closed" : "too_long";
              t.say(got.message + (got.error === "closed" ? " Your text stays on this page: copy what you need." : ""), true);
              if (got.error === "closed") { self.close(null); }
              return;
            }
            Y.applyUpdate(t.doc, fromBase64(got.update), "server");
            t.serverVector = fromBase64(got.state_vector);
            t.problem = null;
            if (!t.unsent) { t.say("Saved."); }
          });
          if (self.again || self.unsent()) { self.again = false; self.soon(0); }
        })
        .catch(function (error) {
          self.inFlight = false;
          sent.forEach(function (t) { t.unsent = true; });
          self.catchUp = true;
          var why = navigator.onLine === false
            ? "Offline: your changes are kept on this page and will be sent when the connection returns."
            : error && error.message === "signed out"
              ? "Not saved: you are signed out. Sign in again in another tab; your changes are kept here and will be sent then."
              : "Not saved yet: connection problem, trying again…";
          Object.keys(self.texts).forEach(function (n) {
            if (self.texts[n].unsent) { self.texts[n].say(why, true); }
          });
          setTimeout(function () { self.sync(); }, self.retryMs);
          self.retryMs = Math.min(self.retryMs * 2, 15000);
        });
    },

    unsent: function () {
      var texts = this.texts;
      return Object.keys(texts).some(function (n) {
        return texts[n].unsent && texts[n].problem !== "closed";
      });
    },

    receive: function (name, update) {
      var t = this.texts[name];
      if (t) { Y.applyUpdate(t.doc, fromBase64(update), "remote"); }
    },

    everything: function () {
      this.catchUp = true;
      this.soon(0);
    },

    close: function (message) {
      if (message) { tell(message + " Reload the page to see it as it was closed."); }
      if (this.closed) { return; }
      this.closed = true;
      Object.keys(this.texts).forEach(function (n) { this.texts[n].area.readOnly = true; }, this);
      document.querySelectorAll("#reflection-form textarea, .inline-add input, .step-form input, .step-form select")
        .forEach(function (field) { field.readOnly = true; field.disabled = field.tagName === "SELECT"; });
      document.querySelectorAll(".inline-add button, .step-form button, #close button, [data-role='share']")
        .forEach(function (button) { button.disabled = true; });
    }
  };

  function listen() {
    if (!window.EventSource) { return; }
    var source = null, hiddenTimer = null, ended = false, retryMs = 1000;
    function open() {
      source = new EventSource(grid.dataset.liveUrl);
      // Every (re)connection may have missed something: ask for all of it.
      source.addEventListener("ready", function () { retryMs = 1000; pages.everything(); });
      // A browser retries a stream that was cut off by itself, but gives up for good on one
      // answered with an error (a server restarting, a database busy for a moment): without
      // this, the page would never hear of another change until it was reloaded.
      source.addEventListener("error", function () {
        var failed = source;
        if (ended || !failed || failed.readyState !== EventSource.CLOSED) { return; }
        source = null;
        setTimeout(function () {
          if (!source && !ended && !document.hidden) { open(); }
        }, retryMs);
        retryMs = Math.min(retryMs * 2, 15000);
      });
      source.addEventListener("resync", function () { pages.everything(); });
      source.addEventListener("update", function (e) {
        var data = JSON.parse(e.data);
        pages.receive(data.document, data.update);
      });
      source.addEventListener("changed", function (e) {
        tell(JSON.parse(e.data).message + " Reload the page to see it.");
      });
      source.addEventListener("closed", function (e) {
        ended = true;
        pages.close(JSON.parse(e.data).message);
        source.close();
      });
    }
    open();
    // A browser keeps only a few connections to one server: a tab left in the background
    // lets its stream go after a while, and catches up when it is looked at again.
    document.addEventListener("visibilitychange", function () {
      if (document.hidden) {
        hiddenTimer = setTimeout(function () { if (source) { source.close(); source = null; } }, 30000);
      } else {
        clearTimeout(hiddenTimer);
        if (!source && !ended) { open(); }
      }
    });
  }

  /* The reflection: autosaved as a draft; shared only when asked, and then for certain. */
  function syncReflection(form) {
    var url = form.dataset.url;
    var version = parseInt(form.dataset.version || "0", 10);
    var status = form.querySelector('[data-role="status"]');
    var button = form.querySelector('[data-role="share"]');
    var inFlight = false, again = false, wantShare = false, retryMs = 1000;
    function say(text, bad) { status.textContent = text; status.classList.toggle("bad", !!bad); }
    function fieldError(name, message) {
      form.querySelectorAll("[data-error-for]").forEach(function (p) {
        var mine = p.dataset.errorFor === name;
        p.hidden = !mine; p.textContent = mine ? message : "";
      });
    }
    function save() {
      // A click on "Share" while a save is on its way waits for it, then goes out itself:
      // the wish to share is never dropped, and only the server's answer confirms it.
      if (inFlight) { again = true; return; }
      inFlight = true;
      var sharing = wantShare;
      var data = new FormData(form);
      data.set("version", version);
      if (sharing) { data.set("share", "1"); }
      post(url, new URLSearchParams(data), "application/x-www-form-urlencoded")
        .then(function (r) { return r.json().then(function (j) { return [r.status, j]; }); })
        .then(function (res) {
          inFlight = false; retryMs = 1000;
          var code = res[0], j = res[1];
          if (code === 200) {
            version = j.version;
            fieldError(null, "");
            if (j.shared) {
              wantShare = false;
              say("Saved and shared.");
              if (button) { button.remove(); button = null; }
            } else {
              say(wantShare ? "Saved; sharing…" : "Draft saved, not shared.");
            }
          } else if (j.error === "too_long") {
            fieldError(j.field, j.message);
            say(wantShare ? "Not shared yet: one answer is too long (see below)." : "Not saved: one answer is too long (see below).", true);
            if (button) { button.disabled = false; }
            wantShare = false;
            return;
          } else if (j.error === "stale") {
            wantShare = false;
            say("Changed in another window meanwhile, so this was not saved. Copy what you " +
                "need, then reload the page.", true);
            return;
          } else {
            wantShare = false;
            say(j.message || "Not saved.", true);
            return;
          }
          if (again || wantShare) { again = false; save(); }
        })
        .catch(function () {
          inFlight = false;
          say(wantShare ? "Not shared yet: connection problem, trying again…" : "Not saved yet: connection problem, trying again…", true);
          setTimeout(save, retryMs); retryMs = Math.min(retryMs * 2, 15000);
        });
    }
    var timer = null;
    form.addEventListener("input", function () {
      clearTimeout(timer); timer = setTimeout(save, 800);
    });
    if (button) {
      button.addEventListener("click", function () {
        wantShare = true;
        button.disabled = true;
        say("Sharing…");
        clearTimeout(timer);
        save();
      });
    }
    form.addEventListener("submit", function (e) { e.preventDefault(); save(); });
  }

  /* A field over its limit says so as it is typed (or pasted), and is never cut: the server
   * refuses text over the limit, and the writer decides what to shorten. */
  function watchLimit(area) {
    var limit = parseInt(area.dataset.limit, 10);
    var hint = document.getElementById(area.id + "-limit") ||
      document.querySelector('[data-status-for="' + area.id + '"]');
    if (!limit || !hint) { return; }
    var plain = hint.textContent;
    function check() {
      var over = area.value.length > limit;
      area.setAttribute("aria-invalid", over ? "true" : "false");
      hint.classList.toggle("bad", over);
      hint.textContent = over
        ? area.value.length.toLocaleString("en") + " characters: the limit is " +
          limit.toLocaleString("en") + ". Shorten it and it will be saved."
        : plain;
    }
    area.addEventListener("input", check);
    check();
  }

  function timer(card) {
    var button = card.querySelector('[data-role="timer"]');
    var out = card.querySelector('[data-role="elapsed"]');
    var minutes = parseInt(card.querySelector(".timer").dataset.minutes, 10);
    var started = null, tick = null;
    button.addEventListener("click", function () {
      if (tick) { clearInterval(tick); tick = null; button.textContent = "Start"; return; }
      started = started || Date.now();
      button.textContent = "Pause";
      tick = setInterval(function () {
        var s = Math.floor((Date.now() - started) / 1000);
        out.textContent = Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
        // A gentle nudge, not an alarm: ten minutes left and time to start closing.
        card.classList.toggle("closing-time", s > (minutes - 10) * 60);
      }, 1000);
    });
  }

  if (grid && window.Y) {
    document.querySelectorAll("textarea[data-document]").forEach(function (area) {
      var t = new SharedText(area);
      pages.texts[t.name] = t;
    });
    if (grid.hasAttribute("data-open")) {
      listen();
      window.addEventListener("online", function () { pages.everything(); });
      window.addEventListener("beforeunload", function (e) {
        if (pages.unsent() || pages.inFlight) { e.preventDefault(); e.returnValue = ""; }
      });
    }
  }
  document.querySelectorAll("textarea[data-limit]").forEach(watchLimit);
  var reflection = document.getElementById("reflection-form");
  if (reflection) { syncReflection(reflection); }
  var card = document.querySelector(".timer-card");
  if (card) { timer(card); }
})();
