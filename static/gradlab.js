// GradLab's only script of its own; htmx does the rest.

// Stop: remove the training stream's element. htmx closes its EventSource, the server's
// heartbeat finds the stream gone and frees the run. No request, no run id. The page then says
// in words where the run stopped, and Train again takes Stop's place and its focus.
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-stop]");
  if (!button) {
    return;
  }
  var stream = document.getElementById("run-stream");
  if (stream) {
    htmx.remove(stream);
  }
  var status = document.getElementById("run-status");
  if (status) {
    status.append(" — stopped");
  }
  var summary = document.getElementById("run-summary");
  if (summary) {
    summary.textContent = stoppedSummary(summary.getAttribute("data-steps"));
  }
  var controls = document.getElementById("run-controls");
  var template = document.getElementById("stopped-controls");
  if (controls && template) {
    controls.replaceChildren(template.content.cloneNode(true));
    htmx.process(controls);
    controls.querySelector("button").focus();
  }
});

// The server's summary never comes to a stopped run: the last row shown says where it stopped.
function stoppedSummary(steps) {
  var last = document.querySelector("#run-rows tr:last-child");
  if (!last) {
    return "You stopped the run before its first step.";
  }
  var copies = document.querySelectorAll("#training thead th[data-proc]");
  var costs = Array.from(copies, function (th, i) {
    var cost = last.cells[i + 1].textContent.trim();
    return th.getAttribute("data-proc") + ": " + (cost === "diverged" ? "diverged" : "J = " + cost);
  });
  return "You stopped the run at step " + last.cells[0].textContent.trim() + " of " + steps
    + ". The last costs shown: " + costs.join("; ") + ".";
}

// After every swap, once per frame: what the server's fragments cannot know by themselves.
var refreshQueued = false;
function refreshSoon() {
  if (!refreshQueued) {
    refreshQueued = true;
    requestAnimationFrame(function () {
      refreshQueued = false;
      markStaleRun();
      markInvalidFields();
      markOverflowingBoxes();
      keepFocus();
    });
  }
}
htmx.onLoad(function (element) {
  fitSettings(element);
  refreshSoon();
});
document.addEventListener("htmx:afterSettle", refreshSoon);
document.addEventListener("toggle", refreshSoon, true);
window.addEventListener("resize", refreshSoon);
window.addEventListener("load", refreshSoon);

// A run shown beside a comparison of other settings (the form changed since Train) says so.
function markStaleRun() {
  var results = document.getElementById("results");
  var note = document.getElementById("run-stale");
  if (results && note) {
    note.hidden = results.getAttribute("data-spec") === note.getAttribute("data-run-spec");
  }
}

// A field whose message htmx brought is invalid, and described by that message.
function markInvalidFields() {
  document.querySelectorAll(".lab-form .field").forEach(function (field) {
    var message = field.querySelector(".field-error");
    var control = field.querySelector("input, select");
    var invalid = message.textContent.trim() !== "";
    field.classList.toggle("invalid", invalid);
    if (invalid) {
      control.setAttribute("aria-invalid", "true");
    } else {
      control.removeAttribute("aria-invalid");
    }
  });
}

// A table, chart or formula too large for its box scrolls: a keyboard can scroll it, and the
// box of a table or chart says so.
function markOverflowingBoxes() {
  document.querySelectorAll(".scroll-box, .lesson-text .math.display").forEach(function (box) {
    var wide = box.scrollWidth > box.clientWidth + 1;
    var tall = box.scrollHeight > box.clientHeight + 1;
    box.classList.toggle("overflows", wide);
    if (wide || tall) {
      box.setAttribute("tabindex", "0");
    } else {
      box.removeAttribute("tabindex");
    }
  });
}

// A swap that removes the focused element would drop the focus to the top of the page. htmx
// gives it to an element of the same id; otherwise it goes to the nearest part of the page
// around it that is there again, so that Tab goes on from where it was.
var focused = null;
var focusPlaces = [];
document.addEventListener("focusin", function (event) {
  focused = event.target;
  focusPlaces = [];
  for (var e = event.target; e && e !== document.body; e = e.parentElement) {
    if (e.id) {
      focusPlaces.push(e.id);
    }
  }
});
function keepFocus() {
  if (!focused || focused.isConnected || (document.activeElement && document.activeElement !== document.body)) {
    return;
  }
  for (var i = 0; i < focusPlaces.length; i++) {
    var place = document.getElementById(focusPlaces[i]);
    if (place) {
      if (place.tabIndex < 0 && !place.hasAttribute("tabindex")) {
        place.setAttribute("tabindex", "-1");
      }
      place.focus({preventScroll: true});
      return;
    }
  }
}

// On a phone the results come first: the form folds behind "Settings" (unless it holds a
// message to read), one tap away. Without this script it stays open.
var phone = window.matchMedia("(max-width: 50rem)");
function fitSettings(root) {
  root.querySelectorAll("details.settings").forEach(function (settings) {
    settings.open = !phone.matches || settings.querySelector(".field-error:not(:empty)") !== null;
  });
}
phone.addEventListener("change", function () {
  fitSettings(document);
});

// "Copy the link": the lab's current state is its address; put it on the clipboard.
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-copy-link]");
  if (!button) {
    return;
  }
  var link = new URL(button.getAttribute("data-copy-link") || location.href, location.href).href;
  var done = function () {
    button.textContent = "Link copied";
  };
  if (navigator.clipboard && navigator.clipboard.writeText) {
    navigator.clipboard.writeText(link).then(done, function () {
      prompt("Copy this link:", link);
    });
  } else {
    prompt("Copy this link:", link);
  }
});

// "download SVG" under a training chart: save the SVG shown (the run cannot be drawn again
// from an address), as a file made in the browser.
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-save-svg]");
  if (!button) {
    return;
  }
  var svg = button.closest("figure") && button.closest("figure").querySelector("svg");
  if (!svg) {
    return;
  }
  var blob = new Blob([new XMLSerializer().serializeToString(svg)], {type: "image/svg+xml"});
  var url = URL.createObjectURL(blob);
  var link = document.createElement("a");
  link.href = url;
  link.download = button.getAttribute("data-save-svg");
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(function () {
    URL.revokeObjectURL(url);
  }, 1000);
});

// noise shapes only the built-in data sets: its field is off, with a note, while an upload is chosen
document.addEventListener("change", function (event) {
  if (event.target.id !== "f-data") {
    return;
  }
  var upload = /^u-[0-9a-f]{12}$/.test(event.target.value);
  var noise = document.getElementById("f-noise");
  var note = document.getElementById("noise-upload");
  if (noise) {
    noise.disabled = upload;
  }
  if (note) {
    note.hidden = !upload;
  }
});

// The gradient cloud is one tab stop: the arrow keys step through its dots (one per example),
// mark the current one and say it (its title: which example, its x, y and gradient norm).
document.addEventListener("keydown", function (event) {
  var box = event.target.closest && event.target.closest(".cloud-keys");
  var steps = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1, Home: -Infinity, End: Infinity };
  if (!box || !(event.key in steps)) {
    return;
  }
  var dots = box.querySelectorAll("circle[data-example]");
  if (dots.length === 0) {
    return;
  }
  event.preventDefault();
  var current = box.querySelector("circle.current");
  var at = current ? Array.prototype.indexOf.call(dots, current) : -1;
  var step = steps[event.key];
  var next = step === Infinity ? dots.length - 1 : step === -Infinity ? 0
    : at < 0 ? (step > 0 ? 0 : dots.length - 1) : (at + step + dots.length) % dots.length;
  if (current) {
    current.classList.remove("current");
  }
  dots[next].classList.add("current");
  var readout = box.parentElement.querySelector(".cloud-readout");
  var title = dots[next].querySelector("title");
  if (readout && title) {
    readout.textContent = title.textContent;
  }
});

// A field of the lab's form that sits elsewhere in the page (its form attribute: the cloud's
// plane) changes the form: the form's own trigger sends every value, this one included.
document.addEventListener("change", function (event) {
  var field = event.target;
  if (field.form && !field.form.contains(field)) {
    field.form.dispatchEvent(new Event("change", { bubbles: true }));
  }
});

// A prediction's slider shows its value beside it (its output element) as it moves.
document.addEventListener("input", function (event) {
  var slider = event.target;
  if (!slider.matches || !slider.matches("input[type=range][data-output]")) {
    return;
  }
  var output = document.getElementById(slider.getAttribute("data-output"));
  if (output) {
    output.textContent = slider.value;
  }
});
