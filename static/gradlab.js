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
