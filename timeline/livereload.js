// Added by `timeline serve` to the pages it serves (never to the files in output/).
// Listens to the server's build events: reloads the page after a rebuild, swaps the
// stylesheets when only CSS changed, and shows a failed build's errors over the page.
(function () {
  "use strict";
  var OVERLAY_ID = "timeline-build-errors";
  var since = document.currentScript.dataset.epoch;
  var events = new EventSource("/__timeline/events?since=" + encodeURIComponent(since));

  function removeOverlay() {
    var overlay = document.getElementById(OVERLAY_ID);
    if (overlay) { overlay.remove(); }
  }

  function showOverlay(errors) {
    removeOverlay();
    var overlay = document.createElement("section");
    overlay.id = OVERLAY_ID;
    overlay.setAttribute("role", "alert");
    Object.assign(overlay.style, {
      position: "fixed", inset: "0 0 auto 0", zIndex: "2147483647", maxHeight: "60vh", overflow: "auto",
      margin: "0", padding: "1em 1.5em", background: "#fff4f4", color: "#5c0000",
      borderBottom: "3px solid #b00020", font: "14px/1.5 ui-monospace, monospace", whiteSpace: "pre-wrap"
    });
    var heading = document.createElement("h2");
    heading.textContent = "Build failed; the page shows the last good build";
    Object.assign(heading.style, { font: "bold 16px/1.4 system-ui, sans-serif", margin: "0 0 0.5em" });
    overlay.appendChild(heading);
    var list = document.createElement("ul");
    errors.forEach(function (error) {
      var item = document.createElement("li");
      var where = error.line ? error.path + ":" + error.line : error.path;
      item.textContent = where + ": " + error.message;
      list.appendChild(item);
    });
    overlay.appendChild(list);
    document.body.appendChild(overlay);
  }

  function swapStylesheets(epoch) {
    removeOverlay();
    document.querySelectorAll('link[rel="stylesheet"]').forEach(function (link) {
      var url = new URL(link.href, location.href);
      if (url.origin !== location.origin) { return; }
      url.searchParams.set("timeline-build", epoch);
      link.href = url.href;
    });
  }

  events.addEventListener("reload", function () {
    events.close();
    location.reload();
  });
  events.addEventListener("styles", function (message) {
    swapStylesheets(JSON.parse(message.data).epoch);
  });
  events.addEventListener("build-error", function (message) {
    showOverlay(JSON.parse(message.data).errors);
  });
}());
