// "ใช้ตำแหน่งปัจจุบัน": fill latitude/longitude from the browser, and warn when the point lies
// far from the district's centre (the server refuses it again unless confirmed).
(() => {
  const button = document.querySelector("[data-geolocate]");
  if (!button) return;
  const form = button.closest("form");
  const lat = form.querySelector("[data-geo-latitude]");
  const lon = form.querySelector("[data-geo-longitude]");
  const status = form.querySelector("[data-geolocate-status]");
  const warning = form.querySelector("[data-geolocate-warning]");

  const km = (a, b, c, d) => {
    const rad = (x) => (x * Math.PI) / 180;
    const h = Math.sin(rad(c - a) / 2) ** 2 +
      Math.cos(rad(a)) * Math.cos(rad(c)) * Math.sin(rad(d - b) / 2) ** 2;
    return 2 * 6371 * Math.asin(Math.sqrt(h));
  };
  const check = () => {
    const { centroidLat, centroidLon, farKm, farMessage } = button.dataset;
    const here = [parseFloat(lat.value), parseFloat(lon.value)];
    if (!centroidLat || here.some(Number.isNaN)) { warning.hidden = true; return; }
    const distance = km(parseFloat(centroidLat), parseFloat(centroidLon), here[0], here[1]);
    warning.hidden = distance <= parseFloat(farKm);
    warning.textContent = farMessage.replace("{km}", distance.toFixed(1));
  };
  lat.addEventListener("input", check);
  lon.addEventListener("input", check);
  check();

  button.addEventListener("click", () => {
    if (!navigator.geolocation) { status.textContent = button.dataset.failed; return; }
    status.textContent = button.dataset.waiting;
    navigator.geolocation.getCurrentPosition(
      (position) => {
        lat.value = position.coords.latitude.toFixed(5);
        lon.value = position.coords.longitude.toFixed(5);
        status.textContent = button.dataset.done;
        check();
      },
      () => { status.textContent = button.dataset.failed; },
      { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 },
    );
  });
})();
