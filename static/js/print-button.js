// The printable directory list's "Print this list" button: shown only where JavaScript runs
// (without it the browser's own Print command does the same).
document.addEventListener("DOMContentLoaded", () => {
  for (const button of document.querySelectorAll("[data-print]")) {
    button.hidden = false;
    button.addEventListener("click", () => window.print());
  }
});
