// Lesson form comforts (the form works without them):
// - a live preview under each section, rendered by the server's safe Markdown (lessons:preview);
// - a search box that finds any of the district's activities and adds it as a ticked box.
(() => {
  const form = document.getElementById("lesson-form");
  if (!form) return;
  const csrf = form.querySelector("[name=csrfmiddlewaretoken]").value;
  const debounce = (fn, ms) => {
    let timer;
    return (...args) => { clearTimeout(timer); timer = setTimeout(() => fn(...args), ms); };
  };

  form.querySelectorAll("textarea[data-preview]").forEach((area) => {
    const box = document.createElement("div");
    box.className = "lesson-preview border rounded p-2 mt-1 small bg-light";
    box.dataset.previewFor = area.name;
    box.setAttribute("aria-live", "polite");
    const title = document.createElement("div");
    title.className = "text-muted mb-1";
    title.textContent = form.dataset.previewLabel;
    const body = document.createElement("div");
    box.append(title, body);
    area.insertAdjacentElement("afterend", box);
    const render = async () => {
      if (!area.value.trim()) { box.hidden = true; return; }
      const data = new FormData();
      data.append("text", area.value);
      try {
        const response = await fetch(form.dataset.previewUrl, {
          method: "POST", body: data, headers: { "X-CSRFToken": csrf },
          credentials: "same-origin",
        });
        const json = await response.json();
        box.hidden = false;
        if (json.html !== undefined) body.innerHTML = json.html; // sanitised by the server
        else body.textContent = json.error || "";
      } catch (error) { /* offline: keep the last preview */ }
    };
    area.addEventListener("input", debounce(render, 400));
    render();
  });

  // Related communities: dozens of boxes become a search. Ticked ones stay in view; the others
  // show when their name matches what is typed, or all of them at "show all".
  const places = form.querySelector("#div_id_communities");
  const placeItems = places ? [...places.querySelectorAll(".form-check")] : [];
  if (placeItems.length && places.querySelector("input[data-community-picker]")) {
    const texts = form.dataset;
    const key = (text) => text.normalize("NFC").trim().replace(/^ชุมชน/, "").replace(/\s+/g, "").toLowerCase();
    const find = document.createElement("input");
    Object.assign(find, { type: "search", className: "form-control mb-1", id: "community-search",
      placeholder: texts.communityPlaceholder, autocomplete: "off" });
    find.setAttribute("aria-label", texts.communityPlaceholder);
    const status = document.createElement("div");
    status.className = "form-text mb-2";
    status.setAttribute("aria-live", "polite");
    const all = document.createElement("button");
    Object.assign(all, { type: "button", className: "btn btn-sm btn-link px-0 mb-1", textContent: texts.communityAll });
    all.setAttribute("aria-pressed", "false");
    const legend = places.querySelector("legend, label");
    (legend || places.firstChild).insertAdjacentElement("afterend", find);
    find.after(status, all);
    const update = () => {
      const query = key(find.value);
      const everything = all.getAttribute("aria-pressed") === "true";
      let found = 0;
      for (const item of placeItems) {
        const match = Boolean(query) && key(item.textContent).includes(query);
        found += match ? 1 : 0;
        item.hidden = !(item.querySelector("input").checked || everything || match);
      }
      const chosen = placeItems.filter((item) => item.querySelector("input").checked).length;
      status.textContent = query && !found ? texts.communityNone : texts.communityStatus
        .replace("{chosen}", chosen).replace("{found}", found);
    };
    find.addEventListener("input", update);
    find.addEventListener("keydown", (event) => { if (event.key === "Enter") event.preventDefault(); });
    all.addEventListener("click", () => {
      all.setAttribute("aria-pressed", String(all.getAttribute("aria-pressed") !== "true"));
      update();
    });
    places.addEventListener("change", () => setTimeout(update, 0));
    update();
  }

  const group = form.querySelector("#div_id_activities");
  if (!group) return;
  const boxes =
    group.querySelector("input[name=activities]")?.closest(".form-check")?.parentElement || group;
  const search = document.createElement("input");
  search.type = "search";
  search.className = "form-control mb-2";
  search.id = "activity-search";
  search.placeholder = form.dataset.pickerPlaceholder;
  const results = document.createElement("ul");
  results.className = "list-group mb-2";
  results.id = "activity-results";
  const legend = group.querySelector("legend, label");
  (legend || group.firstChild).insertAdjacentElement("afterend", search);
  search.insertAdjacentElement("afterend", results);

  const tick = (id, label) => {
    const existing = group.querySelector(`input[name=activities][value="${id}"]`);
    if (existing) { existing.checked = true; return; }
    const wrap = document.createElement("div");
    wrap.className = "form-check";
    const input = document.createElement("input");
    Object.assign(input, { type: "checkbox", name: "activities", value: id, checked: true,
      className: "form-check-input", id: `id_activities_picked_${id}` });
    const text = document.createElement("label");
    Object.assign(text, { className: "form-check-label", htmlFor: input.id, textContent: label });
    wrap.append(input, text);
    boxes.prepend(wrap);
  };
  const find = async () => {
    const url = `${form.dataset.pickerUrl}?q=${encodeURIComponent(search.value)}`;
    try {
      const json = await (await fetch(url, { credentials: "same-origin" })).json();
      results.replaceChildren();
      (json.results || []).forEach(({ id, label }) => {
        const item = document.createElement("li");
        item.className = "list-group-item d-flex justify-content-between align-items-center gap-2";
        const name = document.createElement("span");
        name.textContent = label;
        const add = document.createElement("button");
        Object.assign(add, { type: "button", className: "btn btn-sm btn-outline-success",
          textContent: form.dataset.pickerAdd });
        add.addEventListener("click", () => { tick(id, label); item.remove(); });
        item.append(name, add);
        results.append(item);
      });
      if (!results.children.length && search.value.trim()) {
        const none = document.createElement("li");
        none.className = "list-group-item text-muted";
        none.textContent = form.dataset.pickerNone;
        results.append(none);
      }
    } catch (error) { /* offline: the ticked boxes still work */ }
  };
  search.addEventListener("input", debounce(find, 300));
  search.addEventListener("keydown", (event) => { if (event.key === "Enter") event.preventDefault(); });
})();
