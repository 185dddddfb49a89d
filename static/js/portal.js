// Small comforts only; every page works without JavaScript.
// Elements with data-autosubmit submit their form on change (filter bars).
document.addEventListener("change", (event) => {
  const el = event.target.closest("[data-autosubmit]");
  if (el && el.form) el.form.requestSubmit();
});
// Elements with data-confirm ask before submitting.
document.addEventListener("submit", (event) => {
  const message = event.submitter?.dataset.confirm || event.target.dataset.confirm;
  if (message && !window.confirm(message)) event.preventDefault();
});
// Forms with a one-time submission key (data-submit-once) are sent once: after the first
// click further clicks do nothing and the buttons are disabled. They are disabled after this
// event, so the clicked button's name (e.g. "save and add another") is still sent.
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (event.defaultPrevented || !form.querySelector("[data-submit-once]")) return;
  if (form.dataset.submitting) {
    event.preventDefault();
    return;
  }
  form.dataset.submitting = "1";
  setTimeout(() => {
    form.querySelectorAll("button").forEach((button) => {
      button.disabled = true;
    });
  }, 0);
});
// Back on a form from the browser's page cache: it may be sent again (the server still
// applies its key only once).
window.addEventListener("pageshow", (event) => {
  if (!event.persisted) return;
  document.querySelectorAll("form[data-submitting]").forEach((form) => {
    delete form.dataset.submitting;
    form.querySelectorAll("button").forEach((button) => {
      button.disabled = false;
    });
  });
});
// Long forms (data-warn-unsaved) ask before the page is left with changes not yet saved: once
// something was typed or chosen, or when the server sent the form back unsaved
// (data-warn-unsaved="dirty"), and never once the form is being sent.
(() => {
  const dirty = new Set(document.querySelectorAll("form[data-warn-unsaved='dirty']"));
  const mark = (event) => {
    const form = event.target.form || event.target.closest?.("form");
    if (form?.hasAttribute("data-warn-unsaved")) dirty.add(form);
  };
  document.addEventListener("input", mark);
  document.addEventListener("change", (event) => event.isTrusted && mark(event));
  // Capture phase: also before a script that sends the form itself (offline_entry.js).
  document.addEventListener("submit", (event) => dirty.delete(event.target), true);
  document.addEventListener("reset", (event) => dirty.delete(event.target), true);
  window.addEventListener("beforeunload", (event) => {
    if (![...dirty].some((form) => form.isConnected)) return;
    event.preventDefault();
    event.returnValue = ""; // older browsers show their own wording for any value
  });
})();
// After a failed save (templates/_error_summary.html): the focus goes to the list of what to
// fix, so a screen reader reads it; on a phone the first red field is brought into view as
// well, where the eye is. Each link takes the focus to its field with the label in view.
(() => {
  const summary = document.querySelector("[data-error-summary]");
  const fieldOf = (link) => link && document.getElementById(decodeURIComponent(link.hash.slice(1)));
  const reveal = (field) => {
    const label = document.querySelector(`label[for="${field.id}"]`);
    const box = field.closest("[id^='div_id_']") || label || field;
    box.scrollIntoView({ block: "start" });
  };
  if (!summary) return;
  const phone = window.matchMedia("(max-width: 767.98px)").matches;
  const first = fieldOf(summary.querySelector("a[href^='#']"));
  summary.focus({ preventScroll: phone && Boolean(first) });
  if (phone && first) reveal(first);
  summary.addEventListener("click", (event) => {
    const link = event.target.closest("a[href^='#']");
    const field = fieldOf(link);
    if (!field) return;
    event.preventDefault();
    reveal(field);
    field.focus({ preventScroll: true });
  });
})();
