// The activity list's community box as a search-as-you-type combobox (WAI-ARIA combobox with
// a listbox). Without JavaScript the box is a plain text filter on community names.
// Markup: [data-community-search][data-url][data-none] holding the text input, the hidden
// "community" id, the listbox (ul[role=listbox]) and a polite status line.
(() => {
  document.querySelectorAll("[data-community-search]").forEach((box) => {
    const input = box.querySelector("input[type=search]");
    const hidden = box.querySelector("input[name=community]");
    const list = box.querySelector("[role=listbox]");
    const status = box.querySelector("[data-community-status]");
    let options = [];
    let active = -1;
    let timer;
    let asked = 0;

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);

    const close = () => {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    };
    const highlight = (index) => {
      options.forEach((li, i) => li.setAttribute("aria-selected", String(i === index)));
      active = index;
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({ block: "nearest" });
      }
    };
    const choose = (li) => {
      input.value = li.dataset.name;
      hidden.value = li.dataset.id;
      close();
      input.form.requestSubmit();
    };
    const show = (results) => {
      list.replaceChildren();
      options = results.map((community, i) => {
        const li = document.createElement("li");
        li.id = `${list.id}-${i}`;
        li.className = "list-group-item list-group-item-action";
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.dataset.id = community.id;
        li.dataset.name = community.name;
        li.textContent = community.name;
        const district = document.createElement("span");
        district.className = "small text-muted ms-2";
        district.textContent = community.district;
        li.append(district);
        // mousedown, not click: the input keeps its focus, so the list does not close first.
        li.addEventListener("mousedown", (event) => {
          event.preventDefault();
          choose(li);
        });
        return li;
      });
      list.append(...options);
      list.hidden = options.length === 0;
      input.setAttribute("aria-expanded", String(options.length > 0));
      status.textContent = options.length ? `${options.length}` : box.dataset.none;
      active = -1;
    };
    const search = async () => {
      const query = input.value.trim();
      if (!query) { close(); return; }
      const ticket = ++asked;
      try {
        const response = await fetch(`${box.dataset.url}?q=${encodeURIComponent(query)}`, {
          credentials: "same-origin",
        });
        const json = await response.json();
        if (ticket === asked) show(json.results || []); // an older answer arriving late is dropped
      } catch (error) { close(); } // offline: the box still filters by name on submit
    };

    input.addEventListener("input", () => {
      hidden.value = ""; // a changed name is no longer the chosen community
      clearTimeout(timer);
      timer = setTimeout(search, 250);
    });
    input.addEventListener("keydown", (event) => {
      if (event.key === "ArrowDown" && options.length) {
        event.preventDefault();
        if (list.hidden) { list.hidden = false; input.setAttribute("aria-expanded", "true"); }
        highlight((active + 1) % options.length);
      } else if (event.key === "ArrowUp" && options.length) {
        event.preventDefault();
        highlight(active <= 0 ? options.length - 1 : active - 1);
      } else if (event.key === "Enter" && !list.hidden && active >= 0) {
        event.preventDefault();
        choose(options[active]);
      } else if (event.key === "Escape" && !list.hidden) {
        event.preventDefault();
        close();
      }
    });
    input.addEventListener("blur", close);
  });
})();
