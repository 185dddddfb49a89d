// Poll a handbook build's status and reload the page once it is finished.
(() => {
  const box = document.getElementById("edition-status");
  if (!box || box.dataset.finished === "1") return;
  const poll = async () => {
    try {
      const response = await fetch(box.dataset.statusUrl, { headers: { Accept: "application/json" } });
      const data = await response.json();
      document.getElementById("status-label").textContent = data.label;
      if (data.finished) { window.location.reload(); return; }
    } catch (error) { /* keep polling: the worker may be restarting */ }
    setTimeout(poll, 2000);
  };
  setTimeout(poll, 1500);
})();
