// GradLab's only script of its own; htmx does the rest.

// Stop: remove the training stream's element. htmx closes its EventSource, the server's
// heartbeat finds the stream gone and frees the run. No request, no run id.
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
  var controls = document.getElementById("run-controls");
  var template = document.getElementById("stopped-controls");
  if (controls && template) {
    controls.replaceChildren(template.content.cloneNode(true));
    htmx.process(controls);
  }
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
