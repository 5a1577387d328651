// Typesets a lesson's maths with KaTeX (served from its WebJar by this server).
//
// The server writes each formula as <span class="math">\(…\)</span> or
// <span class="math display">$$…$$</span>. After the page's first paint, KaTeX builds them a few
// milliseconds at a time, so that the text shows at once and the page answers a tap meanwhile;
// then every formula goes into the page at once, which lays the page out once, not once per
// formula. A display formula wider than the column scrolls sideways; it then takes the
// keyboard's focus, so that it can be scrolled without a mouse.
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
    // each formula is built apart from the page (KaTeX sets its sizes through the CSSOM, which
    // the Content-Security-Policy allows, unlike style attributes in HTML)
    var built = [];
    function some() {
      var start = performance.now();
      while (built.length < elements.length && performance.now() - start < SLICE_MILLIS) {
        var element = elements[built.length];
        var holder = document.createElement("span");
        katex.render(tex(element), holder, {
          displayMode: element.classList.contains("display"),
          throwOnError: false
        });
        built.push(holder);
      }
      if (built.length < elements.length) {
        setTimeout(some, 0);
      } else {
        requestAnimationFrame(function () {
          elements.forEach(function (element, i) {
            element.replaceChildren.apply(element, Array.prototype.slice.call(built[i].childNodes));
          });
          focusableWhenScrolling();
          // KaTeX's fonts load now, and a formula may be wider with them
          document.fonts.ready.then(focusableWhenScrolling);
        });
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
