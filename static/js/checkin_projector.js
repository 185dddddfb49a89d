// The projector's check-in page (templates/training/checkin_projector.html): the count of
// people checked in follows by itself, read from this same page every few seconds, without a
// full reload (which would flash on the projector and disturb a screen reader).
(() => {
  const count = document.getElementById("checkin-count");
  if (!count) return;
  const refresh = async () => {
    try {
      const response = await fetch(location.href, { headers: { "X-Keep-Messages": "1" } });
      if (!response.ok) return;
      const page = new DOMParser().parseFromString(await response.text(), "text/html");
      const fresh = page.getElementById("checkin-count");
      if (!fresh) {
        location.reload(); // the check-in closed or expired: show that
        return;
      }
      if (fresh.textContent !== count.textContent) count.textContent = fresh.textContent;
    } catch {
      // no connection for a moment: try again at the next tick
    }
  };
  setInterval(refresh, Number(count.dataset.refreshSeconds || 10) * 1000);
})();
