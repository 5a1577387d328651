// Typesets a lesson's maths with KaTeX (served from its WebJar by this server).
//
// The server writes each formula as <span class="math">\(…\)</span> or
// <span class="math display">$$…$$</span>. After the page's first paint, KaTeX typesets them a
// few milliseconds at a time, so that the text shows at once and the page answers a tap
// meanwhile; the browser lays out only the part of the lesson near the screen (gradlab.css), so
// a formula typeset further down costs little until the reader gets there. A display formula
// wider than the column scrolls sideways; it then takes the keyboard's focus, so that it can be
// scrolled without a mouse.
(function () {
  "use strict";

  // work between two chances for the browser to paint or respond: well under the 50 ms that
  // makes a task long, even on a phone several times slower than a laptop
  var SLICE_MILLIS = 8;

  function tex(element) {
    // both delimiters, $$ and \( \), are two characters long
    return element.textContent.slice(2, -2);
  }

  function focusableWhenScrolling() {
    document.querySelectorAll(".math.display").forEach(function (element) {
      if (element.scrollWidth > element.clientWidth) {
        element.tabIndex = 0;
      } else {
        element.removeAttribute("tabindex");
      }
    });
  }

  function typeset(elements) {
    var next = 0;
    function some() {
      var start = performance.now();
      while (next < elements.length && performance.now() - start < SLICE_MILLIS) {
        var element = elements[next++];
        katex.render(tex(element), element, {
          displayMode: element.classList.contains("display"),
          throwOnError: false
        });
      }
      if (next < elements.length) {
        setTimeout(some, 0);
      } else {
        setTimeout(function () {
          focusableWhenScrolling();
          // KaTeX's fonts are loading now, and a formula may be wider with them; then the page
          // says that its maths is done (a test waits for it)
          document.fonts.ready.then(function () {
            focusableWhenScrolling();
            document.documentElement.setAttribute("data-math", "typeset");
          });
        }, 0);
      }
    }
    some();
  }

  // the formulas in root not yet typeset nor waiting for it, marked as waiting
  function pending(root) {
    var all = Array.prototype.slice.call(root.querySelectorAll(".math"));
    if (root.matches && root.matches(".math")) {
      all.push(root);
    }
    var found = all.filter(function (element) {
      return !element.hasAttribute("data-typeset");
    });
    found.forEach(function (element) {
      element.setAttribute("data-typeset", "");
    });
    return found;
  }

  var started = false;

  function start() {
    started = true;
    var elements = pending(document);
    // the next frame is painted first, then the typesetting begins
    requestAnimationFrame(function () {
      setTimeout(typeset, 0, elements);
    });
  }

  // text that htmx brings later (a class's next lesson, the rest of a lesson after a reveal)
  document.addEventListener("htmx:load", function (event) {
    // the page's own formulas are start's
    if (!started) {
      return;
    }
    var elements = pending(event.target);
    if (elements.length > 0) {
      typeset(elements);
    }
  });

  var resizing = null;
  window.addEventListener("resize", function () {
    clearTimeout(resizing);
    resizing = setTimeout(focusableWhenScrolling, 200);
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
