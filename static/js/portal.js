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
