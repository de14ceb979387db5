/* The practice page: the line is sent with HTMX (the form posts without script too).
 *   Ctrl+Enter (or Cmd+Enter) in the text area sends it;
 *   a refused line (empty, too long, the attempt finished) is shown in place with its reason
 *   rather than dropped, as HTMX drops 4xx answers by default;
 *   after the persona answers, the newest line is scrolled into view and the box is ready. */
(function () {
  "use strict";
  document.addEventListener("keydown", function (event) {
    var box = event.target;
    if (box.id !== "say-text" || event.key !== "Enter" || !(event.ctrlKey || event.metaKey)) {
      return;
    }
    event.preventDefault();
    box.form.requestSubmit();
  });
  document.addEventListener("htmx:beforeSwap", function (event) {
    var status = event.detail.xhr.status;
    if (event.detail.target.id === "practice" && (status === 400 || status === 409)) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });
  document.addEventListener("htmx:afterSettle", function (event) {
    if (event.detail.target.id !== "practice" && event.detail.elt.id !== "practice") { return; }
    var latest = document.getElementById("latest");
    if (latest) { latest.scrollIntoView({block: "nearest"}); }
    var box = document.getElementById("say-text");
    if (box) { box.focus(); }
  });
})();
