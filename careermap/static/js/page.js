/* What every page does for phones and keyboards:
 *   the navigation collapses behind a "Menu" button on narrow screens (a disclosure button:
 *   aria-expanded says whether it is open; Escape closes it and gives the button the focus);
 *   after an HTMX update, the focus goes somewhere sensible when the element that had it was
 *   replaced: the first field in error, else the first field of a form that just arrived, else
 *   the updated region's heading, else the region itself. Where the focus survived (typing in
 *   a search box that updates a list below), it is left alone. */
(function () {
  "use strict";

  var button = document.querySelector(".nav-toggle");
  var topbar = document.querySelector(".topbar");
  if (button && topbar) {
    var setOpen = function (open) {
      topbar.classList.toggle("menu-open", open);
      button.setAttribute("aria-expanded", open ? "true" : "false");
    };
    button.hidden = false;
    topbar.classList.add("has-toggle");
    button.addEventListener("click", function () {
      setOpen(button.getAttribute("aria-expanded") !== "true");
    });
    topbar.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && topbar.classList.contains("menu-open")) {
        setOpen(false);
        button.focus();
      }
    });
  }

  var FIELDS = "input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea:not([disabled])";

  function lost(active) {
    return !active || active === document.body || !document.documentElement.contains(active);
  }

  function focusOn(element) {
    if (!element) { return false; }
    if (!element.matches("a[href], button, input, select, textarea, summary, [tabindex]")) {
      element.setAttribute("tabindex", "-1");
    }
    element.focus({preventScroll: false});
    return document.activeElement === element;
  }

  document.addEventListener("htmx:afterSettle", function (event) {
    // The element that settled: the target itself, or what replaced it (an outerHTML swap).
    var region = event.target;
    if (!(region instanceof Element) || !document.documentElement.contains(region)) { return; }
    var active = document.activeElement;
    var invalid = region.querySelector("[aria-invalid=true]");
    // A refused form: the first field in error, whether or not the focus survived.
    if (invalid && (lost(active) || region.contains(active))) {
      focusOn(invalid);
      return;
    }
    if (!lost(active)) { return; }
    if (region.querySelector("form")) {
      if (focusOn(region.querySelector("form").querySelector(FIELDS))) { return; }
    }
    var alert = region.querySelector("[role=alert], [role=status]");
    if (alert && alert.textContent.trim() && focusOn(alert)) { return; }
    if (focusOn(region.querySelector("h1, h2, h3, h4, legend"))) { return; }
    focusOn(region);
  });
})();
