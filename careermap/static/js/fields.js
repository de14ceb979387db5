/* Fields with a length limit say so as text is typed or pasted, and never cut it short: the
 * browser's own maxlength would drop the end of a long paste without a word. The server refuses
 * text over the limit with a message next to the field, and keeps what was typed. */
(function () {
  "use strict";
  function watch(field) {
    var limit = parseInt(field.getAttribute("maxlength"), 10);
    if (!limit || field.dataset.limit) { return; }
    field.removeAttribute("maxlength");
    field.dataset.limit = limit;
    var note = document.createElement("small");
    note.className = "field-limit";
    note.setAttribute("aria-live", "polite");
    field.insertAdjacentElement("afterend", note);
    function check() {
      var over = field.value.length > limit;
      note.textContent = over
        ? field.value.length.toLocaleString("en") + " characters: the limit is " +
          limit.toLocaleString("en") + ". Shorten it before saving."
        : "";
      if (over) { field.setAttribute("aria-invalid", "true"); }
      else if (field.dataset.overLimit) { field.removeAttribute("aria-invalid"); }
      field.dataset.overLimit = over ? "1" : "";
    }
    field.addEventListener("input", check);
    check();
  }
  function watchAll(root) {
    root.querySelectorAll("input[maxlength], textarea[maxlength]").forEach(watch);
  }
  watchAll(document);
  // Forms that arrive later (HTMX) get the same.
  document.addEventListener("htmx:load", function (event) { watchAll(event.detail.elt); });
})();
