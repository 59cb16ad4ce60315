/* The vidéocodage station from the keyboard: Tab goes through the fields, Enter validates
   (after the live checks), Alt+N leaves the document for the next one. A click on a word box
   copies the word into the field being filled. */
"use strict";
(() => {
  const form = document.getElementById("station-form");
  if (!form) return;
  const typeSelect = document.getElementById("f-type");
  let active = null;

  function applyType() {
    const opt = typeSelect.selectedOptions[0];
    const family = opt ? opt.dataset.family : "other";
    form.querySelectorAll("fieldset.family").forEach((fs) => {
      const on = fs.dataset.family === family;
      fs.hidden = !on; fs.disabled = !on;
    });
    form.querySelectorAll("label.field").forEach((label) => {
      const only = (label.dataset.types || "").split(" ").filter(Boolean);
      const on = !only.length || only.includes(typeSelect.value);
      label.hidden = !on;
      label.querySelector("input").disabled = !on;
    });
  }

  function inputs() {
    return [...form.querySelectorAll("input[data-kind]")].filter((i) => !i.disabled);
  }

  function showError(input, problem) {
    const span = document.getElementById("e-" + input.name);
    if (span) span.textContent = problem;
    if (problem) input.setAttribute("aria-invalid", "true"); else input.removeAttribute("aria-invalid");
  }

  function checkAll() {
    const values = {};
    let first = null;
    inputs().forEach((i) => { values[i.name] = i.value; });
    const cross = Checks.across(values);
    inputs().forEach((i) => {
      const problem = Checks.check(i.dataset.kind, i.value) || cross[i.name] || "";
      showError(i, problem);
      if (problem && !first) first = i;
    });
    return first;
  }

  typeSelect.addEventListener("change", () => { applyType(); checkAll(); });
  form.addEventListener("input", (e) => { if (e.target.dataset && e.target.dataset.kind) checkAll(); });
  form.addEventListener("focusin", (e) => { if (e.target.dataset && e.target.dataset.kind) active = e.target; });
  form.addEventListener("submit", (e) => {
    const bad = checkAll();
    if (bad) { e.preventDefault(); bad.focus(); }
  });
  form.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && e.target === typeSelect) { e.preventDefault(); form.requestSubmit(); }
  });
  document.addEventListener("keydown", (e) => {
    if (e.altKey && (e.key === "n" || e.key === "N")) {
      e.preventDefault();
      const next = document.getElementById("next-form");
      if (next) next.requestSubmit();
    }
  });
  document.querySelectorAll("svg.words rect.word").forEach((rect) => {
    rect.addEventListener("mousedown", (e) => e.preventDefault()); // keep the field's focus
    rect.addEventListener("click", () => {
      const target = active || inputs()[0];
      if (!target) return;
      target.value = target.value ? target.value + " " + rect.dataset.text : rect.dataset.text;
      target.dispatchEvent(new Event("input", {bubbles: true}));
      target.focus();
    });
  });
  applyType();
  if (form.querySelector("[aria-invalid]")) form.querySelector("[aria-invalid]").focus();
})();
