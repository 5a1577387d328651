// Typesets a lesson's maths with KaTeX (served from its WebJar by this server).
document.addEventListener("DOMContentLoaded", function () {
  renderMathInElement(document.body, {
    delimiters: [
      { left: "$$", right: "$$", display: true },
      { left: "\\(", right: "\\)", display: false }
    ],
    ignoredClasses: ["lab-form", "results", "training", "parameters-panel"],
    throwOnError: false
  });
});
