/* What buttons used to do in onclick attributes, which the Content-Security-Policy forbids:
 *   <button data-confirm="Remove this step?">  asks first, and does nothing unless confirmed;
 *   <button data-print>                          opens the browser's print dialog.
 * Listened for on the document, so buttons that arrive later (HTMX) work the same. */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-confirm], [data-print]");
    if (!button) { return; }
    if (button.hasAttribute("data-print")) {
      window.print();
    } else if (!window.confirm(button.dataset.confirm)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  });
})();
