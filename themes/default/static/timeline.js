// Filters, search and the highlights view, entirely in the page: works offline
// and from file://, and without JavaScript every event stays visible.
(function () {
  "use strict";
  var form = document.querySelector("form.filters");
  if (!form) { return; }
  var chronology = document.querySelector(".chronology");
  var events = Array.prototype.slice.call(document.querySelectorAll(".chronology li.event"));
  var groups = Array.prototype.slice.call(document.querySelectorAll(".chronology .band, .chronology section.year"));
  var viewButton = form.elements.view;
  var showingAll = !(chronology && chronology.dataset.view === "highlights");
  form.hidden = false;

  function value(name) {
    var field = form.elements[name];
    return field && field.value ? field.value : "";
  }

  function filtering() {
    return Boolean(value("q").trim() || value("era") || value("tag") || value("outlet"));
  }

  function matches(event) {
    var query = value("q").toLowerCase().trim();
    var era = value("era"), tag = value("tag"), outlet = value("outlet");
    return (!query || event.textContent.toLowerCase().indexOf(query) >= 0) &&
      (!era || event.dataset.era === era) &&
      (!tag || (" " + event.dataset.tags + " ").indexOf(" " + tag + " ") >= 0) &&
      (!outlet || ("|" + event.dataset.outlets + "|").indexOf("|" + outlet + "|") >= 0);
  }

  function apply() {
    // A filter or a search looks at every event, not only the highlights.
    var everything = showingAll || filtering();
    var shown = 0;
    events.forEach(function (event) {
      var ok = matches(event) && (everything || event.classList.contains("highlight"));
      event.hidden = !ok;
      if (ok) { shown += 1; }
    });
    groups.forEach(function (group) {
      group.hidden = !group.querySelector("li.event:not([hidden])");
    });
    if (viewButton) {
      viewButton.setAttribute("aria-pressed", String(showingAll));
      viewButton.textContent = showingAll ? "Show highlights only" : "Show every event";
    }
    form.elements.count.value = everything && !filtering() ? events.length + " events" :
      shown + " of " + events.length + " events" + (everything ? "" : " (highlights)");
  }

  // A permalink must reach its event even when the highlights view or a filter hides it,
  // and must still be in view after the highlights view has shortened the page above it.
  function reveal() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (!target) { return; }
    if (target.closest("[hidden]")) {
      form.reset();
      showingAll = true;
      apply();
    }
    target.scrollIntoView();
  }

  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  if (viewButton) {
    viewButton.addEventListener("click", function () { showingAll = !showingAll; apply(); });
  }
  window.addEventListener("hashchange", reveal);
  window.addEventListener("beforeprint", function () {
    Array.prototype.forEach.call(document.querySelectorAll("details"), function (d) { d.open = true; });
  });
  apply();
  reveal();
})();
