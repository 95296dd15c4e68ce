// Reloads the preview when the server announces a new build, and puts the reader back where
// they were: the paragraph, list item, table row or heading at the top of the window stays
// there (found again by its text), so text added above it does not move the reader's
// place; the scroll position is kept when that block is gone.
(function () {
  var bar = document.getElementById("rakeplan-preview");
  var shown = bar ? bar.getAttribute("data-generation") : null;
  var key = "rakeplan-place:" + location.pathname;
  var BLOCKS = "main h1, main h2, main h3, main h4, main p, main li, main tr, main dt, main dd, main figure";
  // The reader's place: the first block (paragraph, list item, table row, heading) at the
  // top of the window, by its text and how far it starts above or below the top.
  function place() {
    var blocks = document.querySelectorAll(BLOCKS);
    for (var i = 0; i < blocks.length; i++) {
      var rect = blocks[i].getBoundingClientRect();
      if (rect.bottom > 0 && rect.height > 0) {
        return { text: blocks[i].textContent.trim().slice(0, 300), nth: i, offset: rect.top, y: window.scrollY };
      }
    }
    return { text: null, nth: 0, offset: 0, y: window.scrollY };
  }
  // The same block after the reload: the one with the same text nearest its old position
  // (text added above moves it down, not the reader); else the old scroll position.
  function restore(saved) {
    var best = null, blocks = saved.text ? document.querySelectorAll(BLOCKS) : [];
    for (var i = 0; i < blocks.length; i++) {
      if (blocks[i].textContent.trim().slice(0, 300) === saved.text
          && (best === null || Math.abs(i - saved.nth) < Math.abs(best.i - saved.nth))) {
        best = { i: i, el: blocks[i] };
      }
    }
    var y = best ? best.el.getBoundingClientRect().top + window.scrollY - saved.offset : saved.y;
    window.scrollTo(0, y);
  }
  var saved = sessionStorage.getItem(key);
  if (saved !== null) {
    sessionStorage.removeItem(key);
    saved = JSON.parse(saved);
    if ("scrollRestoration" in history) history.scrollRestoration = "manual";
    restore(saved);
    // Again once images and fonts have settled the page's height.
    window.addEventListener("load", function () { restore(saved); });
  }
  // Opened at a place in a YAML file (`?at=<file>:<line>`, as the language server's "open
  // preview" does): the element written on that line, or the last one above it, is shown,
  // outlined for a moment and its link focused. A reload keeps the reader's own place instead.
  var at = new URLSearchParams(location.search).get("at");
  if (at && saved === null) {
    var cut = at.lastIndexOf(":"), file = at.slice(0, cut), line = +at.slice(cut + 1);
    var best = null, bestLine = 0;
    var placed = document.querySelectorAll("[data-line]");
    for (var j = 0; j < placed.length; j++) {
      var v = placed[j].getAttribute("data-line"), c = v.lastIndexOf(":"), l = +v.slice(c + 1);
      if (v.slice(0, c) === file && l <= line && l > bestLine) { best = placed[j]; bestLine = l; }
    }
    if (best) {
      var show = function () { best.scrollIntoView({ block: "start" }); };
      show();
      // The keyboard goes on from there too: its pencil link has the focus.
      var own = best.previousElementSibling;
      var link = own && own.className === "rakeplan-src" ? own : best.querySelector(".rakeplan-src");
      if (link) link.focus({ preventScroll: true });
      window.addEventListener("load", show);
      best.style.outline = "3px solid #f5b700";
      setTimeout(function () { best.style.outline = ""; }, 2000);
    }
  }
  // Alt+click on a paragraph, row or heading opens its YAML line in the editor, as its
  // small pencil link does.
  document.addEventListener("click", function (e) {
    var el = e.altKey && e.target.closest ? e.target.closest("[data-src]") : null;
    if (el) {
      e.preventDefault();
      location.href = el.getAttribute("data-src");
    }
  });
  var source = new EventSource("/events");
  source.addEventListener(bar ? bar.getAttribute("data-event") : "html", function (e) {
    if (e.data !== shown) {
      sessionStorage.setItem(key, JSON.stringify(place()));
      location.reload();
    }
  });
})();
