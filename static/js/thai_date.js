// Buddhist-Era dates on every date field (bangphlat.forms.ThaiDateInput, input[data-thai-date]).
// The field is a text box the server parses (25/12/2568, 25 ธันวาคม พ.ศ. 2568, C.E. too); this
// script adds, for comfort only: a line under it that says how the typed date reads, and a
// calendar in B.E. (day/month/พ.ศ.) that works by keyboard (arrows, Page Up/Down, Home/End,
// Enter, Esc) and tells a screen reader each day in full. Words come from the script tag's
// data attributes (templates/base.html), month and day names from the browser (Intl).
(() => {
  const texts = document.currentScript.dataset;
  const lang = document.documentElement.lang === "en" ? "en-GB" : "th-TH";
  const BE = 543;
  const utc = (y, m, d) => new Date(Date.UTC(y, m, d));
  const iso = (date) => date.toISOString().slice(0, 10);
  const fromIso = (text) => {
    const [y, m, d] = text.split("-").map(Number);
    return utc(y, m - 1, d);
  };
  const format = (options, locale = lang) =>
    new Intl.DateTimeFormat(locale, { timeZone: "UTC", ...options });
  const spoken = format({ dateStyle: "full" }, `${lang}-u-ca-buddhist`);
  const monthNames = [...Array(12).keys()].map((m) => format({ month: "long" }).format(utc(2000, m, 1)));
  const weekdays = [...Array(7).keys()].map((d) => utc(2000, 0, 2 + d)); // 2 Jan 2000: a Sunday
  const fill = (template, values) =>
    (template || "").replace(/\{(\w+)\}/g, (match, name) => values[name] ?? match);

  // --- Reading what was typed (the server's bangphlat.thai.parse_thai_date decides) ----------
  const monthLookup = new Map();
  for (const locale of ["th-TH", "en-GB"]) {
    for (const style of ["long", "short"]) {
      for (let m = 0; m < 12; m += 1) {
        const name = format({ month: style }, locale).format(utc(2000, m, 1));
        monthLookup.set(name.replace(/[.\s]/g, "").toLowerCase().slice(0, locale === "en-GB" ? 3 : undefined), m);
      }
    }
  }
  const make = (yearText, month, day, era) => {
    let year = Number(yearText);
    if (yearText.length <= 2) {
      if (!era) return { ambiguous: true };
      year += era === "be" ? 2500 : 2000;
    }
    if (era === "be" || year > 2400) year -= BE;
    const date = utc(year, month, day);
    const real = date.getUTCFullYear() === year && date.getUTCMonth() === month && date.getUTCDate() === day;
    return real ? { date } : null;
  };
  const parse = (raw) => {
    let text = raw.replace(/[๐-๙]/g, (c) => String(c.charCodeAt(0) - 0x0e50)).replace(/\s+/g, " ").trim();
    let m = text.match(/^(\d{4})-(\d{1,2})-(\d{1,2})$/);
    if (m) return make(m[1], Number(m[2]) - 1, Number(m[3]));
    text = text.replace(/^(?:วัน(?:อาทิตย์|จันทร์|อังคาร|พุธ|พฤหัส(?:บดี)?|ศุกร์|เสาร์)?\s*)?(?:ที่\s*)?/, "");
    let era = null;
    text = text.replace(/(พ\.?\s*ศ\.?|ค\.?\s*ศ\.?|b\.?\s*e\.?|a\.?\s*d\.?|c\.?\s*e\.?)\s*(\d+)$/i, (all, mark, year) => {
      era = /^[พb]/i.test(mark) ? "be" : "ce";
      return ` ${year}`;
    });
    m = text.match(/^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{2}|\d{4})$/);
    if (m) return make(m[3], Number(m[2]) - 1, Number(m[1]), era);
    m = text.match(/^(\d{1,2})\s*([^\d\s]+(?: [^\d\s]+)?)\s*(\d{2}|\d{4})$/);
    if (!m) return null;
    const key = m[2].replace(/[.\s]/g, "").toLowerCase();
    const month = monthLookup.get(key) ?? monthLookup.get(key.slice(0, 3));
    return month === undefined ? null : make(m[3], month, Number(m[1]), era);
  };
  const typed = (date) => `${date.getUTCDate()}/${date.getUTCMonth() + 1}/${date.getUTCFullYear() + BE}`;

  // --- One field ------------------------------------------------------------------------------
  const icon =
    '<svg aria-hidden="true" focusable="false" width="18" height="18" viewBox="0 0 16 16"><path fill="currentColor" d="M4 0a.5.5 0 0 1 .5.5V1h7V.5a.5.5 0 0 1 1 0V1H14a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H2a2 2 0 0 1-2-2V3a2 2 0 0 1 2-2h1.5V.5A.5.5 0 0 1 4 0zM1 5v9a1 1 0 0 0 1 1h12a1 1 0 0 0 1-1V5H1zm2 2h2v2H3V7zm4 0h2v2H7V7zm4 0h2v2h-2V7zm-8 4h2v2H3v-2zm4 0h2v2H7v-2z"/></svg>';

  const enhance = (input) => {
    const min = fromIso(input.dataset.min || "1957-01-01");
    const max = fromIso(input.dataset.max || "2057-12-31");
    const wrap = document.createElement("div");
    wrap.className = "input-group thai-date";
    if (input.classList.contains("is-invalid")) wrap.classList.add("is-invalid"); // keeps its message shown
    input.replaceWith(wrap);
    const opener = document.createElement("button");
    opener.type = "button";
    opener.className = "btn btn-outline-secondary thai-date-open";
    opener.setAttribute("aria-haspopup", "dialog");
    opener.setAttribute("aria-expanded", "false");
    opener.setAttribute("aria-label", texts.choose);
    opener.title = texts.choose;
    opener.innerHTML = icon;
    wrap.append(input, opener);
    const echo = document.createElement("div");
    echo.className = "form-text thai-date-echo";
    echo.setAttribute("aria-live", "polite");
    wrap.after(echo);

    const say = (final) => {
      const value = input.value.trim();
      const result = value ? parse(value) : null;
      if (!value) echo.textContent = "";
      else if (result?.date) echo.textContent = fill(texts.reads, { date: spoken.format(result.date) });
      else if (final) echo.textContent = result?.ambiguous ? texts.ambiguous : texts.unreadable;
      else echo.textContent = "";
      echo.classList.toggle("text-danger", Boolean(value && !result?.date && final));
    };
    input.addEventListener("input", () => say(false));
    input.addEventListener("change", () => say(true));
    input.form?.addEventListener("reset", () => setTimeout(() => say(true), 0));
    say(!input.classList.contains("is-invalid")); // the server's own message is there already

    // The calendar, made when first opened.
    let popup;
    let shown; // the first day of the month on view
    let active; // the day that has the keyboard
    const clamp = (date) => new Date(Math.min(Math.max(date, min), max));
    const live = document.createElement("div");
    live.className = "visually-hidden";
    live.setAttribute("aria-live", "polite");

    const build = () => {
      popup = document.createElement("div");
      popup.className = "thai-date-popup shadow";
      popup.setAttribute("role", "dialog");
      popup.setAttribute("aria-modal", "true");
      popup.setAttribute("aria-label", texts.choose);
      popup.hidden = true;
      const head = document.createElement("div");
      head.className = "thai-date-head";
      const step = (delta, label, text) => {
        const button = document.createElement("button");
        button.type = "button";
        button.className = "btn btn-sm btn-outline-secondary";
        button.setAttribute("aria-label", label);
        button.textContent = text;
        button.addEventListener("click", () => moveMonth(delta, false));
        return button;
      };
      const monthSelect = document.createElement("select");
      monthSelect.className = "form-select form-select-sm";
      monthSelect.setAttribute("aria-label", texts.month);
      monthNames.forEach((name, m) => monthSelect.add(new Option(name, String(m))));
      const yearSelect = document.createElement("select");
      yearSelect.className = "form-select form-select-sm";
      yearSelect.setAttribute("aria-label", texts.year);
      for (let y = max.getUTCFullYear(); y >= min.getUTCFullYear(); y -= 1) {
        yearSelect.add(new Option(String(y + BE), String(y)));
      }
      const pick = () => show(utc(Number(yearSelect.value), Number(monthSelect.value), Math.min(active.getUTCDate(), 28)), false);
      monthSelect.addEventListener("change", pick);
      yearSelect.addEventListener("change", pick);
      head.append(step(-1, texts.previous, "‹"), monthSelect, yearSelect, step(1, texts.next, "›"));
      const table = document.createElement("table");
      table.className = "thai-date-grid";
      const headRow = table.createTHead().insertRow();
      for (const day of weekdays) {
        const th = document.createElement("th");
        th.scope = "col";
        th.abbr = format({ weekday: "long" }).format(day);
        th.textContent = format({ weekday: "narrow" }).format(day);
        headRow.append(th);
      }
      table.createTBody();
      table.addEventListener("keydown", keys);
      table.addEventListener("click", (event) => {
        const button = event.target.closest("button[data-day]");
        if (button && !button.disabled) choose(fromIso(button.dataset.day));
      });
      const foot = document.createElement("div");
      foot.className = "thai-date-foot";
      const today = document.createElement("button");
      today.type = "button";
      today.className = "btn btn-sm btn-link";
      today.textContent = texts.today;
      today.addEventListener("click", () => show(clamp(todayUtc()), true));
      const close = document.createElement("button");
      close.type = "button";
      close.className = "btn btn-sm btn-outline-secondary";
      close.textContent = texts.close;
      close.addEventListener("click", () => hide(true));
      foot.append(today, close);
      popup.append(head, table, foot, live);
      popup.addEventListener("keydown", (event) => {
        if (event.key === "Escape") {
          event.preventDefault();
          hide(true);
        } else if (event.key === "Tab") trap(event);
      });
      popup.selects = { monthSelect, yearSelect };
      wrap.append(popup);
    };

    const todayUtc = () => {
      const now = new Date();
      return utc(now.getFullYear(), now.getMonth(), now.getDate());
    };

    const show = (date, focus) => {
      active = clamp(date);
      const first = utc(active.getUTCFullYear(), active.getUTCMonth(), 1);
      const changed = !shown || +first !== +shown;
      shown = first;
      const { monthSelect, yearSelect } = popup.selects;
      monthSelect.value = String(first.getUTCMonth());
      yearSelect.value = String(first.getUTCFullYear());
      const chosen = parse(input.value)?.date;
      const body = popup.querySelector("tbody");
      body.replaceChildren();
      let row = body.insertRow();
      for (let i = 0; i < first.getUTCDay(); i += 1) row.insertCell();
      for (let day = first; day.getUTCMonth() === first.getUTCMonth(); day = utc(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate() + 1)) {
        if (day.getUTCDay() === 0 && day.getUTCDate() !== 1) row = body.insertRow();
        const button = document.createElement("button");
        button.type = "button";
        button.dataset.day = iso(day);
        button.textContent = String(day.getUTCDate());
        button.setAttribute("aria-label", spoken.format(day));
        button.tabIndex = +day === +active ? 0 : -1;
        button.disabled = day < min || day > max;
        if (chosen && +day === +chosen) button.setAttribute("aria-pressed", "true");
        if (+day === +todayUtc()) button.setAttribute("aria-current", "date");
        row.insertCell().append(button);
      }
      if (changed) live.textContent = `${monthNames[first.getUTCMonth()]} ${first.getUTCFullYear() + BE}`;
      if (focus) body.querySelector(`button[data-day="${iso(active)}"]`)?.focus();
    };

    const moveMonth = (delta, focus) => {
      const y = active.getUTCFullYear();
      const m = active.getUTCMonth() + delta;
      const last = utc(y, m + 1, 0).getUTCDate();
      show(utc(y, m, Math.min(active.getUTCDate(), last)), focus);
    };

    const keys = (event) => {
      if (!event.target.matches("button[data-day]")) return;
      const day = active.getUTCDate();
      const moves = {
        ArrowLeft: () => show(utc(active.getUTCFullYear(), active.getUTCMonth(), day - 1), true),
        ArrowRight: () => show(utc(active.getUTCFullYear(), active.getUTCMonth(), day + 1), true),
        ArrowUp: () => show(utc(active.getUTCFullYear(), active.getUTCMonth(), day - 7), true),
        ArrowDown: () => show(utc(active.getUTCFullYear(), active.getUTCMonth(), day + 7), true),
        Home: () => show(utc(active.getUTCFullYear(), active.getUTCMonth(), day - active.getUTCDay()), true),
        End: () => show(utc(active.getUTCFullYear(), active.getUTCMonth(), day + 6 - active.getUTCDay()), true),
        PageUp: () => moveMonth(event.shiftKey ? -12 : -1, true),
        PageDown: () => moveMonth(event.shiftKey ? 12 : 1, true),
        Enter: () => choose(active),
        " ": () => choose(active),
      };
      const move = moves[event.key];
      if (!move) return;
      event.preventDefault();
      move();
    };

    const trap = (event) => {
      const stops = [...popup.querySelectorAll("button, select")].filter((el) => !el.disabled && el.tabIndex >= 0);
      const at = stops.indexOf(document.activeElement);
      const next = event.shiftKey ? (at <= 0 ? stops.length - 1 : at - 1) : (at + 1) % stops.length;
      event.preventDefault();
      stops[next].focus();
    };

    const choose = (date) => {
      input.value = typed(date);
      input.dispatchEvent(new Event("input", { bubbles: true }));
      input.dispatchEvent(new Event("change", { bubbles: true }));
      hide(true);
    };

    const outside = (event) => {
      if (!wrap.contains(event.target)) hide(false);
    };

    const open = () => {
      if (!popup) build();
      popup.hidden = false;
      opener.setAttribute("aria-expanded", "true");
      shown = null;
      show(parse(input.value)?.date || todayUtc(), true);
      document.addEventListener("pointerdown", outside);
    };

    const hide = (focusInput) => {
      if (!popup || popup.hidden) return;
      popup.hidden = true;
      opener.setAttribute("aria-expanded", "false");
      document.removeEventListener("pointerdown", outside);
      if (focusInput) input.focus();
    };

    opener.addEventListener("click", () => (popup && !popup.hidden ? hide(true) : open()));
    input.addEventListener("keydown", (event) => {
      if (event.altKey && event.key === "ArrowDown") {
        event.preventDefault();
        open();
      }
    });
  };

  const start = () => document.querySelectorAll("input[data-thai-date]").forEach(enhance);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
