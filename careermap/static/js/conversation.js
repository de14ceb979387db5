/* The conversation page: autosaved reflection, live shared notes, private note, timer.
 *
 * Saves are versioned: each save says which version of the text it was based on. The server
 * merges an edit made on an older version into the newer one, or sends it back as a conflict
 * so the person chooses; nothing typed is thrown away. Failed saves are retried and the
 * status line says so until one goes through. */
(function () {
  "use strict";
  var csrf = (document.querySelector("[name=csrfmiddlewaretoken]") || {}).value ||
    (document.cookie.match(/csrftoken=([^;]+)/) || [])[1] || "";

  function post(url, data) {
    var body = new URLSearchParams(data);
    return fetch(url, { method: "POST", body: body, credentials: "same-origin",
      headers: { "X-CSRFToken": csrf, "Accept": "application/json" } });
  }

  function debounce(fn, ms) {
    var timer = null;
    return function () { clearTimeout(timer); timer = setTimeout(fn, ms); };
  }

  var sharedAreas = {};  // question id ("" for the general notes) -> its updater

  /* A textarea kept in step with the server: autosave with merge; shared ones also take the
   * other person's edits (see the poll at the end). */
  function syncNote(area) {
    var url = area.dataset.url;
    var shared = area.dataset.sync === "shared";
    var question = area.dataset.question || "";
    var version = parseInt(area.dataset.version || "0", 10);
    var base = area.value;           // the server text this edit started from
    var saving = false, again = false, retryMs = 1000;
    var status = document.querySelector('[data-status-for="' + area.id + '"]');
    var conflictBox = document.querySelector('[data-conflict-for="' + area.id + '"]');
    function say(text, bad) { if (status) { status.textContent = text; status.classList.toggle("bad", !!bad); } }

    function save() {
      if (saving) { again = true; return; }
      if (area.value === base) { return; }
      saving = true;
      var sent = area.value;
      post(url, { text: sent, base_version: version, base_text: base, question: question })
        .then(function (r) { return r.json().then(function (j) { return [r.status, j]; }); })
        .then(function (res) {
          var code = res[0], j = res[1];
          saving = false; retryMs = 1000;
          if (j.error) { say(j.error, true); return; }
          version = j.version; base = j.text;
          if (code === 409 && j.conflict !== null && j.conflict !== undefined) {
            area.value = j.text;
            if (conflictBox) {
              conflictBox.hidden = false;
              conflictBox.querySelector('[data-role="mine"]').value = j.conflict;
            }
            say("Not saved: you both changed the same passage. Choose below.", true);
          } else {
            // Keep anything typed while the save was on its way.
            if (area.value === sent) { area.value = j.text; }
            say(j.merged ? "Saved, together with the other person's changes." : "Saved.");
          }
          if (again) { again = false; save(); }
        })
        .catch(function () {
          saving = false;
          say("Not saved yet: connection problem, trying again…", true);
          setTimeout(save, retryMs); retryMs = Math.min(retryMs * 2, 15000);
        });
    }
    area.addEventListener("input", debounce(save, 700));
    area.addEventListener("blur", save);

    if (conflictBox) {
      conflictBox.querySelector('[data-role="use-mine"]').addEventListener("click", function () {
        area.value = conflictBox.querySelector('[data-role="mine"]').value;
        conflictBox.hidden = true; save();
      });
      conflictBox.querySelector('[data-role="keep-theirs"]').addEventListener("click", function () {
        conflictBox.hidden = true; say("Kept their version.");
      });
    }

    if (shared && !area.readOnly) {
      sharedAreas[question] = function (state) {
        if (saving || area.value !== base) { return; }  // my edit goes first; the save merges
        if (state.version > version) {
          version = state.version; base = state.text; area.value = state.text;
          say(state.by ? "Updated by " + state.by + "." : "Updated.");
        }
      };
    }
  }

  /* One request brings every shared note's latest version; each area takes its own. */
  function pollShared(url) {
    setInterval(function () {
      fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (r) { return r.json(); })
        .then(function (j) {
          Object.keys(j.notes || {}).forEach(function (key) {
            if (sharedAreas[key]) { sharedAreas[key](j.notes[key]); }
          });
        })
        .catch(function () { /* the next poll tries again */ });
    }, 1500);
  }

  /* The reflection: every answer autosaved as a draft; shared only on request. */
  function syncReflection(form) {
    var url = form.dataset.url;
    var version = parseInt(form.dataset.version || "0", 10);
    var status = form.querySelector('[data-role="status"]');
    var saving = false, again = false, retryMs = 1000;
    function say(text, bad) { status.textContent = text; status.classList.toggle("bad", !!bad); }
    function save(share) {
      if (saving) { again = true; return; }
      saving = true;
      var data = new FormData(form);
      data.set("version", version);
      if (share) { data.set("share", "1"); }
      post(url, data)
        .then(function (r) { return r.json().then(function (j) { return [r.status, j]; }); })
        .then(function (res) {
          saving = false; retryMs = 1000;
          var j = res[1];
          if (res[0] === 409) {
            // Another tab or window saved a different draft. Never overwrite it silently:
            // this text stays here to copy, and reloading shows the saved one.
            say("Changed in another window meanwhile, so this was not saved. Copy what you " +
                "need, then reload the page.", true);
            return;
          }
          version = j.version;
          say(j.shared ? "Saved and shared." : "Draft saved, not shared.");
          if (j.shared) { var b = form.querySelector('[data-role="share"]'); if (b) { b.remove(); } }
          if (again) { again = false; save(); }
        })
        .catch(function () {
          saving = false;
          say("Not saved yet: connection problem, trying again…", true);
          setTimeout(function () { save(share); }, retryMs); retryMs = Math.min(retryMs * 2, 15000);
        });
    }
    form.addEventListener("input", debounce(function () { save(false); }, 800));
    var share = form.querySelector('[data-role="share"]');
    if (share) { share.addEventListener("click", function () { save(true); }); }
    form.addEventListener("submit", function (e) { e.preventDefault(); save(false); });
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

  document.querySelectorAll("textarea[data-sync]").forEach(syncNote);
  var grid = document.querySelector("[data-notes-url]");
  if (grid && Object.keys(sharedAreas).length) { pollShared(grid.dataset.notesUrl); }
  var reflection = document.getElementById("reflection-form");
  if (reflection) { syncReflection(reflection); }
  var card = document.querySelector(".timer-card");
  if (card) { timer(card); }
})();
