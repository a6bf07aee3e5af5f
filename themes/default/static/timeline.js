// Filters and search over the chronology, entirely in the page: works offline,
// and without JavaScript every event stays visible.
(function () {
  "use strict";
  var form = document.querySelector("form.filters");
  if (!form) { return; }
  var events = Array.prototype.slice.call(document.querySelectorAll("li.event"));
  var years = Array.prototype.slice.call(document.querySelectorAll("section.year"));
  form.hidden = false;

  function value(name) {
    var field = form.elements[name];
    return field ? field.value : "";
  }

  function apply() {
    var query = value("q").toLowerCase().trim();
    var era = value("era"), tag = value("tag"), outlet = value("outlet");
    var shown = 0;
    events.forEach(function (event) {
      var ok = (!query || event.textContent.toLowerCase().indexOf(query) >= 0) &&
        (!era || event.dataset.era === era) &&
        (!tag || (" " + event.dataset.tags + " ").indexOf(" " + tag + " ") >= 0) &&
        (!outlet || ("|" + event.dataset.outlets + "|").indexOf("|" + outlet + "|") >= 0);
      event.hidden = !ok;
      if (ok) { shown += 1; }
    });
    years.forEach(function (year) {
      year.hidden = !year.querySelector("li.event:not([hidden])");
    });
    form.elements.count.value = shown + " of " + events.length + " events";
  }

  form.addEventListener("input", apply);
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  apply();
})();
