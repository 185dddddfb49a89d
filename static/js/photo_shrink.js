// Photos are shrunk on the phone before they travel: a 12 MP photo (3–12 MB) leaves as a JPEG
// of at most 2048 px at 85 %, about 0.5 MB — the size the server keeps anyway (bangphlat/
// uploads.py). File inputs marked data-photo-shrink are handled on `change` only: the chosen
// file is replaced through DataTransfer and the form is sent as usual. Without JavaScript, or
// when the browser cannot read the picture (HEIC outside Safari), the original goes and the
// server shrinks it. The server checks and re-encodes whatever arrives.
(() => {
  const script = document.currentScript;
  const inputs = document.querySelectorAll("input[type=file][data-photo-shrink]");
  if (!inputs.length || typeof window.imageCompression !== "function") return;
  try {
    new DataTransfer(); // Safari before 14.1 cannot replace an input's files
  } catch {
    return;
  }
  const text = script.dataset;
  const SMALL = 1024 * 1024; // a picture this small travels as it is
  const options = {
    maxWidthOrHeight: 2048,
    initialQuality: 0.85,
    maxSizeMB: 1, // a very detailed photo is stepped down further, never sent above 1 MB
    fileType: "image/jpeg", // transparent parts are painted white, as the server does
    // The library's worker starts from a blob: URL, which the CSP (script-src 'self') forbids;
    // on the page itself a 12 MP photo takes a second or two.
    useWebWorker: false,
  };

  const megabytes = (bytes) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  const fill = (template, values) =>
    template.replace(/\{(\w+)\}/g, (match, key) => values[key] ?? match);

  // One photo: the smaller JPEG, or null when the original should go as it is.
  const shrink = async (file) => {
    if (!file.type.startsWith("image/") || file.size <= SMALL) return null;
    try {
      const blob = await window.imageCompression(file, options);
      if (blob.size >= file.size) return null;
      const stem = file.name.replace(/\.[^.]*$/, "") || "photo";
      return new File([blob], `${stem}.jpg`, { type: "image/jpeg", lastModified: file.lastModified });
    } catch {
      return undefined; // the browser cannot decode it (HEIC in Chrome, a broken file)
    }
  };

  const statusFor = (input) => {
    let status = input.parentElement.querySelector(":scope > .photo-shrink");
    if (!status) {
      status = document.createElement("div");
      status.className = "photo-shrink small mt-1 mb-2 d-flex align-items-center gap-2";
      status.setAttribute("aria-live", "polite");
      status.dataset.photoShrinkStatus = "";
      input.after(status);
    }
    return status;
  };

  const show = async (status, message, preview) => {
    status.replaceChildren();
    if (preview) {
      const img = document.createElement("img");
      img.className = "photo-shrink-thumb rounded border";
      img.alt = text.thumbnailAlt;
      // A data: URL: the CSP allows img-src 'self' data:, not blob:.
      img.src = await window.imageCompression.getDataUrlFromFile(preview);
      status.append(img);
    }
    const line = document.createElement("span");
    line.textContent = message;
    status.append(line);
  };

  // Shrink the chosen photos and say what happened; returns once the input holds what goes.
  const replace = async (input, chosen, round, status) => {
    const results = [];
    for (const file of chosen) results.push(await shrink(file)); // one at a time: phone memory
    if (round !== input.photoShrinkRound) return false; // another photo was chosen meanwhile
    const sent = chosen.map((file, i) => results[i] || file);
    const before = chosen.reduce((sum, file) => sum + file.size, 0);
    const after = sent.reduce((sum, file) => sum + file.size, 0);
    let message;
    if (results.some(Boolean)) {
      const transfer = new DataTransfer();
      sent.forEach((file) => transfer.items.add(file));
      input.files = transfer.files; // fires no `change`: no loop
      message = fill(text.done, { before: megabytes(before), after: megabytes(after) });
    } else if (results.includes(undefined)) {
      message = fill(text.failed, { size: megabytes(before) });
    } else {
      message = fill(text.kept, { size: megabytes(before) });
    }
    const preview = /^image\/(jpeg|png|webp|gif)$/.test(sent[0].type) ? sent[0] : null;
    try {
      await show(status, message, preview);
    } catch {
      await show(status, message, null);
    }
    return true;
  };

  const handle = async (input) => {
    const chosen = Array.from(input.files);
    const round = (input.photoShrinkRound = (input.photoShrinkRound || 0) + 1);
    const status = statusFor(input);
    if (!chosen.length) {
      status.replaceChildren();
      delete input.dataset.shrinking;
      return;
    }
    input.dataset.shrinking = "1";
    status.replaceChildren(text.working);
    let settled = true;
    try {
      settled = await replace(input, chosen, round, status);
    } catch {
      status.replaceChildren(); // whatever went wrong, the chosen file still goes as it is
    } finally {
      if (settled) {
        delete input.dataset.shrinking;
        // For scripts that send the form themselves: the input now holds what will be sent.
        input.dispatchEvent(new CustomEvent("photo-shrink:done", { bubbles: true }));
      }
    }
  };

  inputs.forEach((input) => {
    input.addEventListener("change", () => handle(input));
  });
})();
