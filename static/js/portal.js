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
