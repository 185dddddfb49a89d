// Handbook pages. No inline script (CSP): behaviour hangs on data attributes.
(() => {
  // Edition page: poll the build's status and reload once it is finished.
  const box = document.getElementById("edition-status");
  if (box && box.dataset.finished !== "1") {
    const poll = async () => {
      try {
        const response = await fetch(box.dataset.statusUrl, { headers: { Accept: "application/json" } });
        const data = await response.json();
        document.getElementById("status-label").textContent = data.label;
        if (data.finished) { window.location.reload(); return; }
      } catch (error) { /* keep polling: the worker or server may be restarting */ }
      setTimeout(poll, 2000);
    };
    setTimeout(poll, 1500);
  }

  // Build form: show only the field the chosen scope needs (all fields work without JS).
  const scope = document.querySelector("#build-form select[name=selection]");
  if (scope) {
    const sync = () => {
      document.querySelectorAll("#build-form [data-selection-for]").forEach((field) => {
        field.hidden = field.dataset.selectionFor !== scope.value;
      });
    };
    scope.addEventListener("change", sync);
    sync();
  }
})();
