// Activity entries that survive a lost connection (issue #14), on every page for a logged-in
// user: registers the service worker (templates/pwa/sw.js), sends the activity form itself with
// an upload progress bar, keeps an entry that cannot be sent in IndexedDB (photos included)
// and sends what waits when the connection returns or the portal is opened again.
//
// Exactly once: every entry carries its submission key (bangphlat/submissions.py); the server
// applies a key once and answers a repeat with where the first went, so sending an entry again
// after a lost answer, from two tabs, or twice by mistake saves nothing twice.
(() => {
  const script = document.currentScript;
  const user = script.dataset.user;
  const PAGE_CACHE = "bp-pages"; // the service worker's copy of the form

  // A shared phone: the offline copy of the form (its communities, its user) is the last
  // user's. Forget it when someone else logs in, and let the worker fetch this user's.
  if (localStorage.getItem("bp-user") !== user) {
    localStorage.setItem("bp-user", user);
    if (window.caches) {
      caches.delete(PAGE_CACHE).then(() => {
        if (user && navigator.serviceWorker?.controller) {
          navigator.serviceWorker.controller.postMessage("refresh-form");
        }
      });
    }
  }
  if (!user) return;
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register(script.dataset.swUrl).catch(() => {});
  }
  if (!window.idb || !window.indexedDB) return; // no storage: forms are sent the usual way

  const loginPath = new URL(script.dataset.loginUrl, location.href).pathname;
  // This page's own document: after document.write (showPage) a new copy of this script runs
  // and this one stands down.
  const root = document.documentElement;
  const current = () => document.documentElement === root;
  const db = window.idb.openDB("bangphlat-offline", 1, {
    upgrade(database) {
      database.createObjectStore("entries", { keyPath: "key" });
    },
  });
  // In the order they were made (the store orders them by their random keys).
  const mine = async () =>
    (await (await db).getAll("entries"))
      .filter((e) => e.user === user)
      .sort((a, b) => a.savedAt - b.savedAt);
  const fill = (template, values) =>
    (template || "").replace(/\{(\w+)\}/g, (match, name) => values[name] ?? match);

  const newKey = () => {
    const bytes = crypto.getRandomValues(new Uint8Array(24));
    return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_");
  };
  // Django's CSRF cookie (readable by scripts in this project's settings). A stored entry or
  // the offline copy of the form may hold a token from before the last login: send the current.
  const withToken = (body) => {
    const cookie = document.cookie.split("; ").find((c) => c.startsWith("csrftoken="));
    if (cookie) body.set("csrfmiddlewaretoken", cookie.slice("csrftoken=".length));
    return body;
  };

  const send = (url, body, onProgress) =>
    new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open("POST", url);
      // The page after the server's redirect is read here, not shown: its flash message
      // ("saved") stays for the page the user sees next (templates/base.html).
      xhr.setRequestHeader("X-Keep-Messages", "1");
      xhr.timeout = 180000;
      if (onProgress) xhr.upload.addEventListener("progress", onProgress);
      xhr.addEventListener("load", () => resolve(xhr));
      for (const type of ["error", "timeout", "abort"]) {
        xhr.addEventListener(type, () => reject(new Error(type)));
      }
      xhr.send(withToken(body));
    });

  // What the server said. A form shown again keeps the key it was sent with (nothing was saved
  // under it); any other page reached is the server's redirect after saving.
  const answer = (xhr, key) => {
    if (xhr.status === 0 || xhr.status >= 500) return { kind: "later" };
    if (new URL(xhr.responseURL).pathname === loginPath) return { kind: "login" };
    const page = new DOMParser().parseFromString(xhr.responseText, "text/html");
    const echoed = page.querySelector("input[name=submission_key]")?.value === key;
    if (xhr.status < 400 && !echoed) return { kind: "saved", url: xhr.responseURL };
    return { kind: "refused", html: xhr.responseText, message: refusal(page, xhr.status) };
  };

  // The server's own words: each field's error with its label, or the page's heading.
  const refusal = (page, status) => {
    const lines = [];
    page.querySelectorAll("form .invalid-feedback, form .alert-danger").forEach((node) => {
      const name = (node.id.match(/^id_(.+)_error$/) || [])[1];
      const label = name && page.querySelector(`label[for="id_${name}"]`);
      const text = node.textContent.replace(/\s+/g, " ").trim();
      const title = label ? label.textContent.replace("*", "").trim() : "";
      if (text) lines.push(title && !text.startsWith(title) ? `${title}: ${text}` : text);
    });
    if (!lines.length) {
      const heading = page.querySelector("h1")?.textContent.trim();
      lines.push(heading || fill(panel()?.dataset.refused, { status }));
    }
    return lines.join(" · ");
  };

  // The server's answer shown as the page it is, as after an ordinary form post; its scripts
  // run again (this one included).
  const showPage = (html) => {
    document.open();
    document.write(html);
    document.close();
  };

  const panel = () => document.querySelector("[data-offline-panel]");
  const notice = (text) => {
    const box = panel()?.querySelector("[data-offline-notice]");
    if (!box) return;
    box.textContent = text;
    box.hidden = !text;
  };

  // --- The queue on the page -----------------------------------------------------------------
  // What an entry is, in the words the officer typed: title · community · date (in B.E.).
  const label = (entry) => {
    const lang = document.documentElement.lang === "en" ? "en-GB" : "th-TH-u-ca-buddhist";
    const iso = /^\d{4}-\d{2}-\d{2}$/.test(entry.date || "");
    const date = iso
      ? new Date(`${entry.date}T00:00`).toLocaleDateString(lang, { dateStyle: "medium" })
      : entry.date || "";
    return [entry.title, entry.community, date].filter(Boolean).join(" · ") || "—";
  };

  // Sent entries, with where each went, shown by every panel until the officer has seen them
  // (sync may run on a page that has no panel).
  const SENT = "bp-offline-sent";
  const sentList = () => {
    try {
      return JSON.parse(sessionStorage.getItem(SENT) || "[]");
    } catch {
      return [];
    }
  };
  const remember = (sent) => sessionStorage.setItem(SENT, JSON.stringify([...sentList(), ...sent].slice(-20)));

  const listItem = (text, href) => {
    const item = document.createElement("li");
    if (!href) {
      item.className = "list-group-item";
      item.textContent = text;
      return item;
    }
    const link = document.createElement("a");
    link.href = href;
    link.className = "alert-link";
    link.textContent = text;
    item.append(link);
    return item;
  };

  const fixItem = (entry, texts) => {
    const item = document.createElement("li");
    item.className = "list-group-item";
    item.dataset.offlineEntry = entry.key;
    const title = document.createElement("div");
    title.className = "fw-semibold";
    title.textContent = label(entry);
    const message = document.createElement("div");
    message.className = "small text-danger";
    message.textContent = entry.message;
    const buttons = document.createElement("div");
    buttons.className = "d-flex gap-2 mt-2";
    const open = document.createElement("button");
    open.type = "button";
    open.className = "btn btn-sm btn-bp";
    open.textContent = texts.open;
    open.addEventListener("click", () => showPage(entry.html));
    const drop = document.createElement("button");
    drop.type = "button";
    drop.className = "btn btn-sm btn-outline-danger";
    drop.textContent = texts.drop;
    drop.addEventListener("click", async () => {
      if (!window.confirm(texts.dropConfirm)) return;
      await (await db).delete("entries", entry.key);
      await render();
    });
    buttons.append(open, drop);
    item.append(title, message, buttons);
    return item;
  };

  const render = async () => {
    if (!current()) return;
    const entries = await mine();
    const waiting = entries.filter((e) => e.status === "waiting");
    const fix = entries.filter((e) => e.status === "fix");
    const nav = document.getElementById("offline-queue");
    if (nav) {
      const [waitingBadge, fixBadge] = nav.querySelectorAll("[data-template]");
      waitingBadge.textContent = fill(waitingBadge.dataset.template, { n: waiting.length });
      waitingBadge.hidden = !waiting.length;
      fixBadge.textContent = fill(fixBadge.dataset.template, { n: fix.length });
      fixBadge.hidden = !fix.length;
      nav.hidden = !entries.length;
    }
    const box = panel();
    if (!box) return;
    const texts = box.dataset;
    const waitingBox = box.querySelector("[data-offline-waiting]");
    waitingBox.querySelector("[data-offline-waiting-title]").textContent =
      `${fill(texts.waiting, { n: waiting.length })} · ${texts.waitingNote}`;
    waitingBox.querySelector("ul").replaceChildren(...waiting.map((entry) => listItem(label(entry))));
    waitingBox.hidden = !waiting.length;
    const sent = sentList();
    const sentBox = box.querySelector("[data-offline-sent]");
    sentBox.querySelector("ul").replaceChildren(...sent.map((entry) => listItem(entry.label, entry.url)));
    sentBox.hidden = !sent.length;
    const empty = box.querySelector("[data-offline-empty]");
    empty.textContent = texts.empty;
    empty.hidden = !("always" in texts) || entries.length > 0;
    const list = box.querySelector("[data-offline-fix]");
    list.querySelector("ul").replaceChildren(...fix.map((entry) => fixItem(entry, texts)));
    list.hidden = !fix.length;
    box.hidden =
      !("always" in texts) && !entries.length && !sent.length && box.querySelector("[data-offline-notice]").hidden;
  };

  document.addEventListener("click", (event) => {
    if (!event.target.closest("[data-offline-sent-dismiss]")) return;
    sessionStorage.removeItem(SENT);
    render();
  });

  // --- Sending what waits --------------------------------------------------------------------
  const bodyOf = (fields) => {
    const body = new FormData();
    for (const [name, value] of fields) body.append(name, value);
    return body;
  };

  const sync = async () => {
    if (!navigator.onLine || !current()) return;
    let saved = 0;
    let refused = 0;
    const sent = [];
    const run = async () => {
      // Read inside the lock: another tab may have sent some meanwhile.
      for (const entry of await mine()) {
        if (entry.status !== "waiting") continue;
        let xhr;
        try {
          xhr = await send(entry.url, bodyOf(entry.fields));
        } catch {
          return; // still no connection: try again at the next chance
        }
        const result = answer(xhr, entry.key);
        if (result.kind === "login") notice(panel()?.dataset.login);
        if (result.kind === "later" || result.kind === "login") return;
        if (result.kind === "saved") {
          await (await db).delete("entries", entry.key);
          saved += 1;
          sent.push({ label: label(entry), url: result.url });
        } else {
          await (await db).put("entries", {
            ...entry,
            status: "fix",
            message: result.message,
            html: result.html,
          });
          refused += 1;
        }
        await render();
      }
    };
    // One sender at a time across tabs (a second would only repeat keys the server ignores).
    if (navigator.locks) await navigator.locks.request("bangphlat-offline-sync", run);
    else await run();
    if (sent.length) remember(sent);
    if (saved) notice(fill(panel()?.dataset.sent, { n: saved }));
    else if (refused) notice(""); // "kept on the phone" is over: the list says what to fix
    await render();
  };

  // --- The activity form ---------------------------------------------------------------------
  const entryOf = (form, body) => ({
    key: body.get("submission_key"),
    user,
    url: form.action,
    status: "waiting",
    savedAt: Date.now(),
    title: body.get("title") || "",
    community: form.querySelector("select[name=community]")?.selectedOptions[0]?.value
      ? form.querySelector("select[name=community]").selectedOptions[0].text
      : "",
    date: body.get("date") || "",
    fields: [...body.entries()],
  });

  // Kept for later; the form is emptied for the next entry, which gets a key of its own.
  const keep = async (form, body, message) => {
    await (await db).put("entries", entryOf(form, body));
    form.reset();
    form.querySelector("input[name=submission_key]").value = newKey();
    // What the server said about an earlier try does not belong to the next entry.
    form.querySelector("#pending-photo")?.remove();
    form.querySelectorAll(".is-invalid").forEach((el) => el.classList.remove("is-invalid"));
    form.querySelectorAll(".invalid-feedback").forEach((el) => el.remove());
    document.querySelectorAll("main .alert-danger").forEach((el) => el.remove());
    form.querySelectorAll("input[type=file]").forEach((input) => {
      input.dispatchEvent(new Event("change", { bubbles: true })); // photo_shrink.js forgets its note
    });
    notice(message);
    await render();
    window.scrollTo(0, 0);
  };

  // photo_shrink.js replaces a chosen photo by a smaller one a moment later: send that one.
  const photosReady = (form) =>
    Promise.race([
      Promise.all(
        [...form.querySelectorAll("input[type=file][data-shrinking]")].map(
          (input) =>
            new Promise((resolve) => {
              input.addEventListener("photo-shrink:done", resolve, { once: true });
            }),
        ),
      ),
      new Promise((resolve) => setTimeout(resolve, 30000)),
    ]);

  const progressBar = (form) => {
    const box = form.querySelector("[data-upload-progress]");
    if (!box) return { show() {}, hide() {}, update: null };
    const bar = box.querySelector("[role=progressbar]");
    const text = box.querySelector("[data-upload-progress-text]");
    const set = (percent) => {
      bar.firstElementChild.style.width = `${percent}%`;
      bar.setAttribute("aria-valuenow", String(percent));
      text.textContent = fill(box.dataset.template, { percent: `${percent}%` }); // no % in a msgid
    };
    return {
      show() {
        set(0);
        box.hidden = false;
      },
      hide() {
        box.hidden = true;
      },
      update(event) {
        if (event.lengthComputable) set(Math.round((event.loaded / event.total) * 100));
      },
    };
  };

  const submit = async (form, submitter) => {
    const buttons = form.querySelectorAll("button");
    buttons.forEach((button) => {
      button.disabled = true;
    });
    const done = () => {
      delete form.dataset.submitting;
      buttons.forEach((button) => {
        button.disabled = false;
      });
    };
    await photosReady(form);
    const body = new FormData(form);
    if (submitter?.name) body.append(submitter.name, submitter.value);
    const key = body.get("submission_key") || "";
    const queue = form.hasAttribute("data-offline-entry");
    const texts = panel()?.dataset || {};
    if (!navigator.onLine && queue) {
      await keep(form, body, texts.queued);
      return done();
    }
    const progress = progressBar(form);
    progress.show();
    let xhr;
    try {
      xhr = await send(form.action, body, progress.update);
    } catch {
      xhr = null;
    }
    progress.hide();
    const result = xhr ? answer(xhr, key) : { kind: "later" };
    if (result.kind === "saved") {
      await (await db).delete("entries", key); // it may have been a stored entry being fixed
      location.assign(result.url); // the form stays disabled until the next page
      return;
    }
    if (result.kind === "refused") {
      const stored = await (await db).get("entries", key);
      if (stored) {
        await (await db).put("entries", { ...stored, message: result.message, html: result.html });
      }
      showPage(result.html);
      return;
    }
    if (queue) await keep(form, body, result.kind === "login" ? texts.login : texts.queued);
    else window.alert(form.dataset.sendFailed);
    done();
  };

  // Capture phase: before portal.js's submit-once handler, which leaves a prevented submit be.
  document.addEventListener(
    "submit",
    (event) => {
      const form = event.target;
      if (!current() || !form.matches("form[data-upload-progress-form]")) return;
      event.preventDefault();
      if (form.dataset.submitting) return;
      form.dataset.submitting = "1"; // portal.js undoes it when the page comes back from history
      submit(form, event.submitter).catch(() => {
        delete form.dataset.submitting; // storage failed: the form stays as typed, to try again
        form.querySelectorAll("button").forEach((button) => {
          button.disabled = false;
        });
      });
    },
    true,
  );

  // A form opened from the offline copy has no key yet. A stored entry opened to be fixed gets
  // its photos back (the copy the server kept of a refused photo lasts two days only).
  const prepare = async () => {
    const form = document.querySelector("form[data-offline-entry]");
    const field = form?.querySelector("input[name=submission_key]");
    if (!field) return;
    if (!field.value) {
      field.value = newKey();
      return;
    }
    const entry = await (await db).get("entries", field.value);
    if (!entry || entry.user !== user) return;
    for (const input of form.querySelectorAll("input[type=file]")) {
      const files = entry.fields
        .filter(([name, value]) => name === input.name && value instanceof File && value.size)
        .map(([, value]) => value);
      if (input.files.length || !files.length) continue;
      const transfer = new DataTransfer();
      files.forEach((file) => transfer.items.add(file));
      input.files = transfer.files;
    }
  };

  window.addEventListener("online", () => sync());
  prepare()
    .then(render)
    .then(sync)
    .catch(() => {});
})();
