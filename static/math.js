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

  // typesetting runs not yet done: the page says its maths is typeset only when none is left
  var running = 0;

  function typeset(elements) {
    running++;
    document.documentElement.removeAttribute("data-math");
    var next = 0;
    function some() {
      var start = performance.now();
      while (next < elements.length && performance.now() - start < SLICE_MILLIS) {
        var element = elements[next++];
        if (element.hasAttribute("data-typeset")) {
          continue;
        }
        element.setAttribute("data-typeset", "");
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
            running--;
            if (running === 0) {
              document.documentElement.setAttribute("data-math", "typeset");
            }
          });
        }, 0);
      }
    }
    some();
  }

  function start() {
    var elements = Array.prototype.slice.call(document.querySelectorAll(".math"));
    // the next frame is painted first, then the typesetting begins
    requestAnimationFrame(function () {
      setTimeout(typeset, 0, elements);
    });
  }

  // text that htmx brings later (the rest of a lesson, once its questions are answered) has maths too
  document.addEventListener("htmx:load", function (event) {
    var root = event.target;
    if (root === document.body || !root.querySelectorAll) {
      return;
    }
    var elements = Array.prototype.slice.call(root.querySelectorAll(".math:not([data-typeset])"));
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
